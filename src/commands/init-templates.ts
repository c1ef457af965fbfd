/** The starter files `edvet init` writes. Each is annotated for a district adapting it. */

export const STARTER_POLICY = `# edvet district policy. Every key is optional: what you leave out comes from
# edvet's defaults (\`edvet explain RULE\` shows them). Maps merge key by key with
# the defaults; lists replace the default list.

district:
  name: Example Unified School District        # signs vendor letters and heads reports
  contact: Office of Digital Learning, edtech@district.example
  # students: 24000                            # enrolment, used when no roster is given
  # teachers: 1500

privacy:
  dpa_expiry_warn_days: 90      # a DPA ending within this many days warns
  coppa_through_grade: 7        # COPPA applies when students in this grade or below use a product
  state_addenda: []             # addenda every student-facing product must sign, e.g. [NY-2D]
  forbid_data_sale: true
  forbid_targeted_ads: true
  state_laws: []                # law packs to check: ny-2d il-soppa ca-sopipa co-sdtsa oh-sb29 ut-sdpa ct-sdpa tx-ed-32
  coppa_2025: true              # the amended COPPA rule (compliance date 2026-04-22)
  deletion_days: 60             # end of use → certified deletion, unless the DPA or a state law says fewer
  deletion_warn_days: 14
  notice_warn_days: 30          # an annual notice due within this many days warns

contract:
  review_every_days: 365        # re-review each product in use this often
  review_warn_days: 30

publish:                        # the public page of \`edvet publish\`
  title: Online services that receive student data
  # contact: Family office, privacy@district.example   # default: district.contact
  # parent_procedures: parent-procedures.md          # Markdown, relative to this file
  # bill_of_rights: parents-bill-of-rights.md        # required under ny-2d
  # state_data_dictionary_url: https://example.gov/data-dictionary   # co-sdtsa

sso:
  accepted_providers: [clever, classlink, google, microsoft]
  accepted_protocols: [saml, oidc, lti-1.3]

accessibility:
  min_wcag: "2.1"               # ADA Title II names WCAG 2.1 AA
  min_conformance: AA
  vpat_max_age_days: 730
  ada_deadline: 2027-04-26      # 2028-04-26 for public entities under 50,000 people
  openacr_partial: warn         # warn | fail for criteria that only partially support

evidence:
  max_tier: 4
  max_tier_by_category: { intervention: 3 }
  max_tier_by_funding: { title-i-1003: 3 }
  max_study_age_years: null     # e.g. 10

cost:
  max_per_student: 5.00
  applies_to: [supplemental]

mobile:
  required: true

standards:
  required_for: []              # categories that must list standards (else a warning)

usage:
  active_window_days: 30        # school days
  dormant_warn_ratio: 0.5
  teacher_utilization_min: 0.30 # the 30 % sunset rule
  semester_days: 90             # school days
  right_size_buffer: 0.10
  teacher_pattern: null         # e.g. "@staff\\\\.district\\\\.example$" when exports carry no role
  timezone: America/Chicago     # for export times without an offset
  date_order: mdy               # mdy | dmy for times like 03/04/2026

sunset:
  notice_days: 30
  renewal_warn_days: 120

# calendar:                     # without it every weekday is a school day
#   terms:
#     - { name: Fall 2026, start: 2026-08-17, end: 2026-12-18 }
#     - { name: Spring 2027, start: 2027-01-05, end: 2027-05-28 }
#   closed: [2026-11-25, 2026-11-26, 2026-11-27, 2027-03-15/2027-03-19]

# Custom usage export formats, for exports edvet does not know yet. Adapt the
# column names to the header of your export; \`detect\` lists columns that must
# all be present. Clever's and ClassLink's analytics exports are not publicly
# documented, so these are starting points to check against your own files.
# usage_formats:
#   classlink-logins:
#     detect: ["Login Time", "Username", "App Name"]
#     columns: { timestamp: "Login Time", user: "Username", app: "App Name", role: "Role", school: "Building" }
#     date_order: mdy
#     skip_when: { column: "Result", not_in: ["Success"] }
#   clever-app-logins:
#     detect: ["Timestamp", "Clever ID", "Application"]
#     columns: { timestamp: "Timestamp", user: "Clever ID", app: "Application", role: "User Type" }
#   schoology-usage:
#     detect: ["Date", "User ID", "Role"]
#     columns: { timestamp: "Date", user: "User ID", role: "Role" }
#     app: Schoology              # a constant app when the export is about one product

# waivers:                      # every waiver needs a reason, an approver and an end date
#   - tool: example-quiz
#     rule: mobile              # a rule id (mobile.responsive) or a whole check (mobile)
#     reason: Used only on classroom desktops during the pilot
#     approved_by: Director of Technology
#     expires_on: 2027-06-30
`;

export const STARTER_MANIFEST_READER = `# A vendor manifest: one product. Field reference: edvet's docs/manifest.md.
id: example-reader                # unique in the catalog: lowercase letters, digits, dashes
name: Example Reader
vendor: Example Learning Co.
vendor_contact: privacy@example-learning.example   # letters are addressed here
category: supplemental            # core | supplemental | intervention | assessment | productivity | administrative
status: active                    # proposed | pilot | active | sunsetting | retired
audience: [students, teachers]    # students | teachers | staff | families
grades: [K-5]                     # PK, TK, K, 1..12 or ranges
subjects: [ela]
deployed_on: 2025-08-18           # first day in use (for the 30 % sunset rule)
reviewed_on: 2025-06-01           # last full review by the district (re-review is due a year later)
owner: Director of Curriculum
standards: [CCSS-ELA]
vendor_address: 1 Example Way, Springfield, IL 62701   # posted on the public page

privacy:
  dpa:
    signed: true
    signed_on: 2025-06-01
    expires_on: 2028-06-30
    agreement: NDPA v2
    url: https://example-learning.example/dpa-redacted.pdf   # the copy parents may read
  coppa:
    compliant: true
    consent: school               # school | parent | none
    retention_policy_url: https://example-learning.example/retention
    retention_days: 365
    security_program: true        # a written information security program
    third_party_disclosure: integral   # none | integral | separate-consent | bundled
    third_parties: [hosting provider]
  sells_data: false
  targeted_ads: false
  profiling: false
  state_addenda: []
  policy_url: https://example-learning.example/privacy
  purpose: Reading practice and progress reports
  data_elements: [name, school-email, grade-level, assessment-results]   # [] = none
  subprocessors: [Example Cloud Hosting]
  # subprocessors_url: https://example-learning.example/subprocessors   # with or instead of the list
  storage: { location: United States, encrypted_in_transit: true, encrypted_at_rest: true }
  contract_terms:                 # clauses in the signed agreement (docs/manifest.md lists them all)
    data_property_of_district: true
    use_limited_to_contract: true
    parent_review_correction: true
    security_measures: true
    breach_notification: true
    breach_notice_days: 7         # discovery → notice to the district
    deletion_on_request: true
    deletion_days: 30             # contract end → all data deleted or returned
  # state:                        # per law pack; any block may say applies: false with a reason
  #   il-soppa: { posted_on: 2025-06-09 }
  # breaches:                     # each breach the vendor reported (students affected: a count only)
  #   - { discovered_on: 2025-03-02, from: 2025-02-20, to: 2025-03-01, students: 212 }
# offboarding:                    # when the product is retired: proof of deletion
#   retired_on: 2027-06-30
#   contract_ended_on: 2027-06-30
#   deletion_requested_on: 2027-07-01
#   method: destroy               # destroy | return
#   extent: complete              # complete | partial
#   deletion_certified_on: 2027-08-01
#   certificate: contracts/example-reader-deletion.pdf

sso:
  protocols: [oidc]
  providers: [clever, google]

accessibility:
  wcag_version: "2.1"             # quote it
  conformance: AA
  vpat_url: https://example-learning.example/vpat.pdf
  vpat_date: 2025-09-01

evidence:
  essa_tier: 3
  source: https://example.org/example-reader-study
  study_year: 2022

cost:
  model: per_student
  unit_price: 4.00
  seats: 2000
  students_covered: 2000
  renewal_on: 2027-06-30
  notice_days: 60
  auto_renews: true

mobile: { responsive: true, ios_app: true, android_app: true }

usage:
  aliases: ["Example Reader (Clever)"]   # how the app appears in SSO/LMS exports
  licensed_teachers: 80                   # used when no roster is given
`;

export const STARTER_MANIFEST_QUIZ = `# A proposed product under review. Missing evidence is not a schema error: the
# rule that needs it reports "not provided", and \`edvet letters\` asks for it.
id: example-quiz
name: Example Quiz
vendor: Sample Apps LLC
category: assessment
status: proposed
grades: [6-12]
privacy:
  dpa: { signed: false }
sso: { protocols: [lti-1.3] }
accessibility: { wcag_version: "2.0", conformance: AA }
evidence: { essa_tier: 4 }
cost: { model: per_seat, unit_price: 2.50, seats: 600 }
mobile: { responsive: true }
`;

/**
 * The CI workflow. `packagePath` is the edvet package init writes beside it
 * (repository-relative, `/`-separated): the workflow installs that file, so it
 * works as written while edvet is not on the npm registry.
 */
export function starterWorkflow(packagePath: string): string {
  return `# Vet the catalog on every pull request that changes it. A failing manifest
# blocks the merge; SARIF puts each finding on the manifest line in the diff.
name: edvet
on:
  pull_request:
    paths: ["catalog/**", "edvet.policy.yaml"]
permissions:
  contents: read
  security-events: write
jobs:
  vet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 20 }
      # edvet from the package \`edvet init\` wrote beside this workflow (commit it), so CI
      # runs the version you ran. Other ways, in edvet's README ("Install"): a release
      # tarball's URL, or \`npm install -g edvet\` once edvet is on the npm registry.
      - run: npm install -g ./${packagePath}
      - name: Vet the catalog
        run: edvet vet catalog --format github
      - name: SARIF for code scanning
        if: always()
        run: edvet vet catalog --format sarif --output edvet.sarif --fail-on never
      - uses: github/codeql-action/upload-sarif@v3
        if: always()
        with: { sarif_file: edvet.sarif }
`;
}
