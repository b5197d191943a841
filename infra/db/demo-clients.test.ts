// The generated client base is the same for the same count, and every generated requisite would
// pass the API's own checks - so a few hundred demo clients never trip the duplicate check.
import { describe, expect, it } from 'vitest';
import { isPlausiblePhone, phoneKey } from '../../domain/clients/contact-keys.ts';
import { requisiteProblems } from '../../domain/clients/requisites.ts';
import { DEMO_TAG_TREE, demoClients } from './demo-clients.ts';

describe('demo clients', () => {
  it('are a function of the count', () => {
    expect(demoClients(300)).toEqual(demoClients(300));
    expect(demoClients(300).slice(0, 24)).toEqual(demoClients(24));
  });

  it('carry valid, unique requisites and phones, and tags of the seeded tree', () => {
    const clients = demoClients(400);
    for (const c of clients) expect(requisiteProblems(c.kind, c.inn, c.kpp), c.name).toEqual([]);
    expect(new Set(clients.map((c) => c.inn)).size).toBe(clients.length);
    const phones = clients.flatMap((c) => [...c.phones, ...c.contacts.flatMap((t) => t.phones)]);
    expect(phones.every(isPlausiblePhone)).toBe(true);
    expect(new Set(phones.map(phoneKey)).size).toBe(phones.length);
    // Organisations have distinct names; people and sole traders may be namesakes, as in life.
    const organisations = clients.filter((c) => c.kind === 'legal');
    expect(new Set(organisations.map((c) => c.name)).size).toBe(organisations.length);
    expect(new Set(demoClients(24).map((c) => c.name)).size).toBe(24);
    const names = new Set(DEMO_TAG_TREE.flatMap((r) => [r.name, ...r.children.flatMap((c) => [c.name, ...(c.children ?? [])])]));
    expect(clients.flatMap((c) => c.tags).every((t) => names.has(t))).toBe(true);
  });
});
