import { describe, expect, it } from 'vitest';
import { phraseReason } from '../../src/fuse/reason-phrases.js';

describe('reason phrases', () => {
  it('phrases segment, risk and need codes in both languages from the catalogue labels', () => {
    expect(phraseReason('seg_trades_per_month_high')).toStrictEqual({ zh: '月均买卖笔数偏高，符合该客群特征', en: 'Trades per month is high, as in this segment' });
    expect(phraseReason('risk_share_high_risk_down').en).toMatch(/argues against the predicted risk level$/);
    expect(phraseReason('need_wealth_transfer_log_aum_up').zh).toContain('提高了财富传承需求的可能性');
    expect(phraseReason('need_global_allocation_share_foreign_down').en).toContain('global allocation need less likely');
  });

  it('returns an unknown code as it is', () => {
    expect(phraseReason('something_else')).toStrictEqual({ zh: 'something_else', en: 'something_else' });
  });
});
