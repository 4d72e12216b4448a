/**
 * No AUC, F1 or precision is shown from fewer positives than this (issue 17): with 19 positives
 * one client more or less moves an F1 by about 0.05 and an AUC's 95% interval is ±0.1 wide, so
 * the figure would say more than the data. Reports print "too few: n" (过少: n) instead, and JSON
 * keeps the count beside a null figure.
 */
export const MIN_POSITIVES = 20;
