import type { ClientTable } from '../core/records.js';

/**
 * Collects accepted clients into growable typed columns and seals them into a ClientTable.
 *
 * @example
 * const b = new ClientTableBuilder();
 * b.add('C1', 7000, 250000, MISSING_CODE, MISSING_CODE, undefined, MISSING_DAY, undefined, MISSING_DAY);
 * b.build().size; // 1
 */
export class ClientTableBuilder {
  private readonly ids: string[] = [];
  private readonly indexById = new Map<string, number>();
  private readonly declaredRisk: (string | undefined)[] = [];
  private readonly advisorId: (string | undefined)[] = [];
  private birthDay = new Int32Array(1024);
  private aum = new Float64Array(1024);
  private marital = new Int8Array(1024);
  private dependants = new Int16Array(1024);
  private riskAssessedOn = new Int32Array(1024);
  private openedOn = new Int32Array(1024);

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.indexById.has(id);
  }

  add(
    id: string, birthDay: number, aum: number, marital: number, dependants: number,
    declaredRisk: string | undefined, riskAssessedOn: number, advisorId: string | undefined, openedOn: number,
  ): void {
    const i = this.ids.length;
    if (i === this.birthDay.length) this.grow();
    this.ids.push(id);
    this.indexById.set(id, i);
    this.declaredRisk.push(declaredRisk);
    this.advisorId.push(advisorId);
    this.birthDay[i] = birthDay;
    this.aum[i] = aum;
    this.marital[i] = marital;
    this.dependants[i] = dependants;
    this.riskAssessedOn[i] = riskAssessedOn;
    this.openedOn[i] = openedOn;
  }

  build(): ClientTable {
    const n = this.ids.length;
    return {
      size: n,
      ids: this.ids,
      indexById: this.indexById,
      birthDay: this.birthDay.slice(0, n),
      aum: this.aum.slice(0, n),
      marital: this.marital.slice(0, n),
      dependants: this.dependants.slice(0, n),
      declaredRisk: this.declaredRisk,
      riskAssessedOn: this.riskAssessedOn.slice(0, n),
      advisorId: this.advisorId,
      openedOn: this.openedOn.slice(0, n),
    };
  }

  private grow(): void {
    const size = this.birthDay.length * 2;
    const grow = <T extends Int32Array | Float64Array | Int8Array | Int16Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a as never);
      return b;
    };
    this.birthDay = grow(this.birthDay, (n) => new Int32Array(n));
    this.aum = grow(this.aum, (n) => new Float64Array(n));
    this.marital = grow(this.marital, (n) => new Int8Array(n));
    this.dependants = grow(this.dependants, (n) => new Int16Array(n));
    this.riskAssessedOn = grow(this.riskAssessedOn, (n) => new Int32Array(n));
    this.openedOn = grow(this.openedOn, (n) => new Int32Array(n));
  }
}
