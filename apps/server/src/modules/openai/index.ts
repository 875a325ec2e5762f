export { openAiModule } from './module';
