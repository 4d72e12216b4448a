import type { Bilingual } from '../report/bilingual.js';

/** The sign-in page's messages about failures and holds (same words whether or not the id exists). */
export const SIGN_IN_TEXT = {
  signInFailed: {
    zh: '登录失败：工号或密码错误。连续输错后，该工号需等待片刻才能再试。',
    en: 'Sign-in failed: wrong id or password. After repeated wrong passwords the id must wait a little before the next try.',
  },
  accountHeld: {
    zh: '该工号连续输错密码，请等待一分钟后再试；如仍无法登录，请联系主管解锁。',
    en: 'Too many wrong passwords for this id: wait a minute and try again, or ask a supervisor to unlock it.',
  },
} as const satisfies Record<string, Bilingual>;
