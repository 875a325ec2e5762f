export { actionsModule } from './module';
export { actionTools, SIGN_IN_FIRST, type ActionToolOptions } from './action-tools';
export { createAction, deleteAction, getAction, listActions, updateAction } from './manage-actions';
export { outcomesBlock } from './outcomes-block';
export {
  AWAITING_CONFIRMATION,
  decideConfirmation,
  pendingConfirmations,
  type PendingConfirmation,
} from './confirmations';
export { testAction } from './test-action';
export { assertActionsExist } from './exists';
export type { VerifiedVisitor } from './templates';
export { actions, actionConfirmations, type ActionRow } from './schema';
