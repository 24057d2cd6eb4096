import express from 'express';
import { ChatOpenAI } from '@langchain/openai';
import { createToolCallingAgent, AgentExecutor } from 'langchain/agents';
import { lookupTicket } from './tools.js';

const app = express();
const model = new ChatOpenAI({ model: process.env.AGENT_MODEL ?? 'gpt-4o-mini' });

app.post('/run', async (req, res) => {
  const agent = createToolCallingAgent({ llm: model, tools: [lookupTicket] });
  res.json(await new AgentExecutor({ agent, tools: [lookupTicket] }).invoke({ input: req.body.task }));
});

app.listen(3000);
