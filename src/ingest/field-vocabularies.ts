import {
  ASSET_CLASSES, DIRECTIONS, MARITAL_STATUSES, PRODUCT_RISKS, REGULATORY_RISK_LEVELS, RISK_LEVELS, TXN_TYPES,
} from '../core/contract.js';

/**
 * The contract vocabulary of every coded field; `currency` is checked against the FX table instead.
 *
 * @example
 * FIELD_VOCABULARIES_BY_FIELD.direction; // ['credit', 'debit']
 */
export const FIELD_VOCABULARIES_BY_FIELD: Readonly<Record<string, readonly string[]>> = {
  marital_status: MARITAL_STATUSES,
  declared_risk: [...RISK_LEVELS, ...REGULATORY_RISK_LEVELS],
  direction: DIRECTIONS,
  type: TXN_TYPES,
  asset_class: ASSET_CLASSES,
  product_risk: PRODUCT_RISKS,
  role: ['owner', 'co_holder'],
};
