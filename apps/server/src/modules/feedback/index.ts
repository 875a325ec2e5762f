export { feedbackModule } from './module';
export { rateAnswer, listMyFeedback, feedbackView } from './rate-answer';
export { reviewQueue, type ReviewItem } from './review-queue';
export { correctAnswer, resolveReviewItem } from './correct-answer';
export { answerFeedback, reviewMarks } from './schema';
