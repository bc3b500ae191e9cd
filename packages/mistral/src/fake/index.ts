/**
 * @akount/mistral/fake: a fake Mistral API server for tests and benchmarks. Never import it from
 * production code.
 */
export {
  FAKE_API_KEY,
  startFakeMistral,
  type FakeBehaviour,
  type FakeCall,
  type FakeEndpoint,
  type FakeFailure,
  type FakeMistral,
  type FakeMistralOptions,
} from './server';
export {
  defaultChatAnswer,
  defaultOcrText,
  sampleFromSchema,
  SAMPLE_RECEIPT,
  type ChatAnswerFn,
  type FakeChatRequest,
  type FakeOcrDocument,
  type OcrTextFn,
} from './answers';
