// const OpenAI = require('openai');  (replaced by the langchain wrapper)
const { Pinecone } = require('@pinecone-database/pinecone');
const { tool } = require('@langchain/core/tools');

const pc = new Pinecone();

exports.lookupTicket = tool(async ({ id }) => pc.index('tickets').fetch([id]), { name: 'lookup_ticket' });
