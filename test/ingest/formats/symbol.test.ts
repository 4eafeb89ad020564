import { describe, expect, it } from 'vitest';
import { findSymbol, generalAssemblySession, mastheadSymbol } from '../../../src/ingest/formats/symbol.ts';

describe('findSymbol', () => {
  it.each([
    ['Economic and Social Council\nE/CN.7/2021/12\nDistr.: General', 'E/CN.7/2021/12'],
    ['United Nations A/76/PV.3 General Assembly Seventy-sixth session', 'A/76/PV.3'],
    ['A/RES/70/1 Transforming our world: the 2030 Agenda', 'A/RES/70/1'],
    ['Security Council S/2021/123 Distr.: General 5 February 2021', 'S/2021/123'],
    ['Conference room paper UNODC/CND/2021/CRP.1', 'UNODC/CND/2021/CRP.1'],
    ['Resolution adopted S/RES/2532 (2020) on COVID-19', 'S/RES/2532 (2020)'],
    ['E/CN.7/2021/L.3/Add.1 Draft resolution', 'E/CN.7/2021/L.3/Add.1'],
    ['Recalling resolution A/RES/70/1, the Commission (E/CN.7/2022/2) decided', 'E/CN.7/2022/2'],
    ['United Nations S/PV.10100 Security Council Eightieth year 10100th meeting', 'S/PV.10100'],
    ['United Nations A/81/6 (Sect. 16)/Part A* General Assembly Distr.: General', 'A/81/6 (Sect. 16)'],
    ['United Nations S/PV.8699 (Resumption 1) Security Council Provisional', 'S/PV.8699 (Resumption 1)'],
    ['10/01/2020 Maintenance of international peace and security S/PV. 8699 (Resumption 1)', 'S/PV.8699 (Resumption 1)'],
  ])('finds the symbol in %j', (text, symbol) => {
    expect(findSymbol(text)).toBe(symbol);
  });

  it.each([['a speech about HIV/AIDS and/or COVID-19 on 22/09/2021'], ['the A/B test of the TCP/IP stack']])('finds none in %j', (text) => {
    expect(findSymbol(text)).toBeUndefined();
  });

  it.each([['Recalling its resolution A/RES/70/1 of 25 September 2015'], ['The statement of the Observer (see E/CN.7/2022/1) was noted.']])(
    'takes no symbol the text only cites: %j',
    (text) => {
      expect(findSymbol(text)).toBeUndefined();
    },
  );

  it('prefers the masthead’s symbol to one the first page cites before it in reading order', () => {
    const page = 'Scale of assessments (A/48/341)\nUnited Nations A/48/PV.46\nGeneral Assembly';
    expect(findSymbol('Item 138 A/48/341 Scale of assessments')).toBe('A/48/341');
    expect(mastheadSymbol(['United Nations A/48/PV.46', 'General Assembly Official Records'], page)).toBe('A/48/PV.46');
    expect(mastheadSymbol(['République du Sénégal'], 'Discours (see A/79/PV.5)')).toBeUndefined();
  });

  it('looks only at the start of the document', () => {
    expect(findSymbol(`${'Text of the statement. '.repeat(100)}A/76/PV.3`)).toBeUndefined();
  });
});

describe('generalAssemblySession', () => {
  it.each([
    ['A/80/590', '80'],
    ['A/RES/79/157', '79'],
    ['A/RES/55/2', '55'],
    ['A/C.3/80/L.3', '80'],
    ['A/81/6 (Sect. 16)', '81'],
    ['A/80/604/Add.6', '80'],
    ['A/INF/79/3', '79'],
  ])('%s is a document of session %s', (symbol, session) => {
    expect(generalAssemblySession(symbol)).toBe(session);
  });

  it.each([
    ['A/HRC/55/1'],
    ['E/RES/2023/1'],
    ['S/RES/2532 (2020)'],
    ['A/ES-10/L.1'],
    ['A/S-27/2'],
    ['A/AC.109/2000/1'],
    ['A/CONF.62/122'],
    ['A/RES/3379 (XXX)'],
    ['A/10/100'],
  ])('%s names no General Assembly regular session', (symbol) => {
    expect(generalAssemblySession(symbol)).toBeUndefined();
  });
});
