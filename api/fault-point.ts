// Test-only crash points: with CRM_FAULT_AFTER=<name> in its environment, the process kills itself
// (SIGKILL, as `kill -9` would) when it reaches the point of that name. The crash tests use it to
// stop the API at an exact moment of a request; in any other run it does nothing.
const target = process.env.CRM_FAULT_AFTER;

export function faultPoint(name: string): void {
  if (target === name) process.kill(process.pid, 'SIGKILL');
}
