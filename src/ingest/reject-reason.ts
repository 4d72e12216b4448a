/**
 * Why an input row was rejected. Each rejected row gets exactly one reason: the first check it
 * fails, in this order (so a row with a bad date and an unknown code reports bad_date).
 *
 * - `malformed_row`: wrong number of fields, an unclosed quote, or text after a closing quote.
 * - `missing_value`: a required field is empty.
 * - `bad_encoding`: an id (client_id, txn_id, advisor_id) holds a control character (NUL, tab, …)
 *   or bytes that are not valid in the file's encoding; never silently replaced.
 * - `bad_date`: a date does not match its format or is not a calendar day; a client born after as-of.
 * - `bad_amount`: a numeric field is not a number, not a whole number where one is required, or
 *   outside the accepted range (amounts and aum at most MAX_AMOUNT_CNY after conversion).
 * - `non_positive_amount`: a transaction amount is 0 or negative.
 * - `negative_value`: aum or dependants below zero.
 * - `unknown_code`: a coded field, after the mapping's code map, is not in the contract vocabulary.
 * - `unknown_currency`: a currency with no rate to CNY.
 * - `after_horizon`: a transaction dated after as-of + horizon days.
 * - `orphan_client`: a transaction whose client is not among the accepted clients.
 * - `orphan_account`: a transaction whose account is not in the accounts file (or has no accepted holder);
 *   an accounts row whose client is not among the accepted clients.
 * - `duplicate_id`: a txn_id or client_id already taken by an earlier accepted row.
 *
 * @example
 * const reason: RejectReason = 'duplicate_id';
 */
export const REJECT_REASONS = [
  'malformed_row',
  'missing_value',
  'bad_encoding',
  'bad_date',
  'bad_amount',
  'non_positive_amount',
  'negative_value',
  'unknown_code',
  'unknown_currency',
  'after_horizon',
  'orphan_client',
  'orphan_account',
  'duplicate_id',
] as const;

export type RejectReason = (typeof REJECT_REASONS)[number];
