/**
 * Values that name a person rather than an app (usage.md "Privacy"): an
 * e-mail address, or a person context as Moodle writes it in any site
 * language (`User: Ann Lee`, `Utilisateur : Ann Lee`, `Nutzer/in: …`). Such
 * a value in the app column is never listed as an app that matches no
 * product: it is counted under "app looks like a user identifier", and when
 * most unmatched apps look so, the export's columns are likely swapped.
 */
import type { UnmatchedApp } from './usage.js';

/** The reason identifier-like apps are counted under. */
export const IDENTIFIER_REASON = 'app looks like a user identifier';

const EMAIL = /[^\s@<>()[\]",;:]+@[^\s@<>()[\]",;:]+\.[^\s@<>()[\]",;:.]{2,}/u;

// Moodle's get_string('user') in its language packs (and a few words for a person's page), then `:` (ASCII,
// full-width, or after a space as French typography has it). Matched at the start, case-insensitive.
const PERSON_WORDS = [
  'user', 'users', 'utilisateur', 'utilisatrice', 'usuario', 'usuaria', 'usuário', 'usuária', 'utilizador', 'utilizadora', 'utente',
  'benutzer', 'benutzer/in', 'nutzer', 'nutzer/in', 'gebruiker', 'användare', 'bruker', 'bruger', 'notandi', 'käyttäjä', 'kasutaja',
  'lietotājs', 'naudotojas', 'vartotojas', 'użytkownik', 'uživatel', 'používateľ', 'felhasználó', 'utilizator', 'korisnik', 'uporabnik',
  'потребител', 'пользователь', 'користувач', 'корисник', 'χρήστης', 'kullanıcı', 'משתמש', 'مستخدم', 'کاربر', 'उपयोगकर्ता', 'ผู้ใช้',
  'người dùng', 'pengguna', 'gumagamit', 'mtumiaji', 'erabiltzailea', 'usuari', 'usuaria', 'defnyddiwr', 'úsáideoir', 'përdoruesi',
  '用户', '用戶', '使用者', 'ユーザ', 'ユーザー', '사용자', 'student', 'élève', 'étudiant', 'étudiante', 'estudiante', 'alumno', 'alumna',
  'schüler', 'schüler/in', 'leerling', 'aluno', 'aluna', 'studente', 'participant', 'participante', 'teilnehmer', 'teilnehmer/in', 'profile', 'profil', 'perfil',
];
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const PERSON_CONTEXT = new RegExp(`^\\s*(?:${PERSON_WORDS.map(escapeRe).join('|')})\\s*[:：]\\s*\\S`, 'iu');

/** True when an app value is an e-mail address or a person context (`User: Name` in any language): a person, not an app. */
export function looksLikeUserIdentifier(value: string): boolean {
  return EMAIL.test(value) || PERSON_CONTEXT.test(value);
}

/** Unmatched apps split into those that may be listed and a count of those that look like user identifiers. */
export interface UnmatchedSplit {
  /** Every listable app (at most `limit` when one is given), sorted by {@link compareUnmatched}. */
  listed: UnmatchedApp[];
  /** Distinct unmatched apps in all (identifier-like ones included). */
  apps: number;
  /** Identifier-like values: how many distinct ones, and their rows. */
  identifiers: { apps: number; rows: number };
}

/** One unmatched (app, app id) with its used rows, before suggestions. */
export interface UnmatchedRows {
  app: string;
  appId: string | null;
  rows: number;
}

const codePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** usage-sources.md "Unmatched apps": rows descending, then app, then app id (code-point order; a null app id first). */
export function compareUnmatched(a: UnmatchedRows, b: UnmatchedRows): number {
  if (a.rows !== b.rows) return b.rows - a.rows;
  const byApp = codePoint(a.app, b.app);
  if (byApp !== 0) return byApp;
  if (a.appId === b.appId) return 0;
  if (a.appId === null) return -1;
  if (b.appId === null) return 1;
  return codePoint(a.appId, b.appId);
}

/**
 * Splits unmatched apps (a name → used rows map, or (app, app id, rows)
 * entries) into the listable ones, complete and sorted, and a count of those
 * that look like user identifiers (an app value or app id that is an e-mail
 * or a person): those are never listed.
 */
export function splitUnmatched(unmatched: ReadonlyMap<string, number> | readonly UnmatchedRows[], limit = Infinity): UnmatchedSplit {
  const entries: UnmatchedRows[] = Array.isArray(unmatched)
    ? [...(unmatched as readonly UnmatchedRows[])]
    : [...(unmatched as ReadonlyMap<string, number>)].map(([app, rows]) => ({ app, appId: null, rows }));
  const listed: UnmatchedApp[] = [];
  const identifiers = { apps: 0, rows: 0 };
  for (const e of entries) {
    if (looksLikeUserIdentifier(e.app) || (e.appId !== null && looksLikeUserIdentifier(e.appId))) {
      identifiers.apps++;
      identifiers.rows += e.rows;
    } else listed.push({ app: e.app, appId: e.appId, rows: e.rows, suggestedProduct: null });
  }
  listed.sort(compareUnmatched);
  return { listed: listed.slice(0, Math.max(0, limit)), apps: entries.length, identifiers };
}

/** The warnings a split calls for (counts only, never a value): identifiers left out, and a likely column mix-up. */
export function unmatchedWarnings(split: UnmatchedSplit): string[] {
  const { apps, rows } = split.identifiers;
  if (apps === 0) return [];
  const out = [
    `${apps} value${apps === 1 ? '' : 's'} in the app column (${rows} row${rows === 1 ? '' : 's'}) matched no product and ${apps === 1 ? 'looks' : 'look'} like a user identifier (an e-mail address or a person's name); not listed as apps (${IDENTIFIER_REASON})`,
  ];
  if (apps * 2 > split.apps) {
    out.push(
      `most apps that match no product (${apps} of ${split.apps}) look like user identifiers: the export's app and user columns may be swapped (check columns.app and columns.user of a custom usage format, or --usage-format)`,
    );
  }
  return out;
}
