import { openApi } from './openai-compat.js';
// import OpenAI from 'openai';
import chai from 'chai';

const mirror = 'https://api.openai.com.docs-mirror.example.org/spec';
const other = 'https://myapi.openai.company.test/v1';
export const label = 'from "openai" we learned nothing';
export default { openApi, chai, mirror, other };
