// The agent of the ADK integration tests: a scripted model (no LLM) and one function tool.
// What the model does depends on the last user message:
//   "weather"   -> calls get_weather {city: "Paris"}, then answers with the tool's result
//   "explode"   -> calls explode (a tool that throws), then answers with the tool's error
//   "boom"      -> throws an Error (ADK answers 200 with an error event)
//   "crash"     -> throws a non-Error (ADK answers 500)
//   "quota"     -> yields a RESOURCE_EXHAUSTED error response
//   "slow:<ms>" -> waits <ms> before answering
//   otherwise   -> "echo (call <n>): <text>", where <n> counts the model calls for this text, so a
//                  test sees whether a retried run reached the model again
import {BaseLlm, FunctionTool, LlmAgent} from '@google/adk';
import {z} from 'zod';

const calls = new Map();

class ScriptedLlm extends BaseLlm {
  constructor() {
    super({model: 'scripted-model'});
  }

  async *generateContentAsync(req) {
    const parts = req.contents.at(-1)?.parts ?? [];
    const response = parts.find((p) => p.functionResponse)?.functionResponse;
    if (response) {
      yield {content: {role: 'model', parts: [{text: `Tool ${response.name} said: ${JSON.stringify(response.response)}`}]}};
      return;
    }
    const text = parts.map((p) => p.text ?? '').join('');
    const count = (calls.get(text) ?? 0) + 1;
    calls.set(text, count);
    const slow = /slow:(\d+)/.exec(text);
    if (slow) {
      await new Promise((resolve) => setTimeout(resolve, Number(slow[1])));
    }
    if (text.includes('crash')) {
      throw 'scripted crash';
    }
    if (text.includes('boom')) {
      throw new Error('scripted model failure');
    }
    if (text.includes('quota')) {
      yield {errorCode: 'RESOURCE_EXHAUSTED', errorMessage: 'scripted quota error'};
      return;
    }
    if (text.includes('weather')) {
      yield {content: {role: 'model', parts: [{functionCall: {name: 'get_weather', args: {city: 'Paris'}}}]}};
      return;
    }
    if (text.includes('explode')) {
      yield {content: {role: 'model', parts: [{functionCall: {name: 'explode', args: {}}}]}};
      return;
    }
    yield {content: {role: 'model', parts: [{text: `echo (call ${count}): ${text}`}]}};
  }

  async connect() {
    throw new Error('live not supported');
  }
}

const getWeather = new FunctionTool({
  name: 'get_weather',
  description: 'Returns the weather for a city.',
  parameters: z.object({city: z.string().describe('City name')}),
  execute: ({city}) => ({city, forecast: 'sunny', tempC: 21}),
});

const explode = new FunctionTool({
  name: 'explode',
  description: 'Always fails.',
  parameters: z.object({}),
  execute: () => {
    throw new Error('tool exploded');
  },
});

export const rootAgent = new LlmAgent({
  name: 'scripted',
  description: 'Agent backed by a scripted model',
  model: new ScriptedLlm(),
  instruction: 'You are a test agent.',
  tools: [getWeather, explode],
});
