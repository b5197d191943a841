// The workflow bundle's entry: every workflow type the worker runs.
export { routeProcess } from './route-process.ts';
export { housekeeping } from './housekeeping.ts';
export { birthdayCalls } from './birthday-calls.ts';
export { mailDispatcher } from './mail-dispatcher.ts';
export { surveyComplaints, surveyPhoneRound } from './survey-rounds.ts';
