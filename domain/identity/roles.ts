// Roles do two jobs: the four access roles decide what a person may do in the product, and job
// roles (sales, service, quality...) are the queues a route step can be assigned to. A person
// holds any number of both; a route may assign a step to any role.

export const ACCESS_ROLES = ['employee', 'manager', 'designer', 'admin'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** What the API knows about the person making a call, after authentication. */
export interface Actor {
  employeeId: string;
  email: string;
  roles: string[];
}

export const hasRole = (actor: Pick<Actor, 'roles'>, role: string): boolean => actor.roles.includes(role);

export const hasAnyRole = (actor: Pick<Actor, 'roles'>, roles: readonly string[]): boolean =>
  roles.some((r) => actor.roles.includes(r));
