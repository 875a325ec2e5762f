export { evaluationsModule } from './module';
export { addEvaluationCase, deleteEvaluationCase, getEvaluationSet, setEvaluationSettings } from './manage-cases';
export { getEvaluationRun, listEvaluationRuns, startEvaluationRun } from './runs';
export { evaluationCases, evaluationRuns, evaluationSettings } from './schema';
