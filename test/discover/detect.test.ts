import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { readSignaturesText, SIGNATURES_FILE } from '../../src/assets.js';
import { candidateOf, detectInHeader, detectInText } from '../../src/analyse/discover/detect.js';
import { buildSignatureIndex } from '../../src/analyse/discover/signature-index.js';
import { loadSignatures, mergeSignatures } from '../../src/validate/load-signatures.js';
import { toSignature } from '../../src/validate/signature-data.js';
import { schemas } from '../helpers/engine.js';
import { yaml as dedent } from '../helpers/yaml.js';

const index = buildSignatureIndex(loadSignatures(SIGNATURES_FILE, readSignaturesText(), schemas));
const found = (file: string, text: string): string[] => detectInText(file, text, index).map((d) => `${d.line} ${d.signature} ${d.indicator} ${d.match}`);

describe('manifests and lockfiles, one per ecosystem', () => {
  it.each([
    ['pom.xml', dedent`
      <project>
        <dependencies>
          <dependency>
            <groupId>dev.langchain4j</groupId>
            <artifactId>langchain4j-open-ai</artifactId>
          </dependency>
          <dependency>
            <groupId>org.openai.lookalike</groupId>
            <artifactId>openai-java</artifactId>
          </dependency>
        </dependencies>
      </project>`, ['5 langchain4j dependency dev.langchain4j:langchain4j-open-ai']],
    ['build.gradle.kts', 'dependencies {\n  implementation("com.openai:openai-java:2.1.0")\n  implementation("com.squareup.okhttp3:okhttp:4.12.0")\n}\n', ['2 openai dependency com.openai:openai-java']],
    ['Gemfile', "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem \"ruby-openai\", '~> 7.0'\ngem 'openai-ish'\n", ['3 openai dependency ruby-openai']],
    ['Gemfile.lock', 'GEM\n  specs:\n    faraday (2.9.0)\n    ruby-openai (7.1.0)\n      faraday (>= 1)\n', ['4 openai dependency ruby-openai']],
    ['Cargo.toml', '[package]\nname = "async-openai"\n\n[dependencies]\nserde = "1"\nasync-openai = "0.23"\n\n[dependencies.candle-core]\nversion = "0.6"\n', ['6 openai dependency async-openai', '8 candle dependency candle-core']],
    ['Cargo.lock', '[[package]]\nname = "ort"\nversion = "2.0.0"\n\n[[package]]\nname = "serde"\n', ['2 onnx-runtime dependency ort']],
    ['Api.csproj', '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <PackageReference Include="Azure.AI.OpenAI" Version="2.0.0" />\n    <PackageReference Include="Serilog" Version="4.0.0" />\n  </ItemGroup>\n</Project>\n', ['3 azure-openai dependency Azure.AI.OpenAI']],
    ['packages.config', '<packages>\n  <package id="Microsoft.ML" version="3.0.1" />\n</packages>\n', ['2 ml-net dependency Microsoft.ML']],
    ['requirements-dev.txt', '-r requirements.txt\nlangchain_community==0.3.1  # agents\nopenai-whisper-utils==1.0\ngit+https://github.com/acme/openai.git\n', ['2 langchain dependency langchain_community']],
    ['Pipfile', '[packages]\nrequests = "*"\nscikit-learn = "==1.5"\n\n[requires]\npython_version = "3.12"\n', ['3 scikit-learn dependency scikit-learn']],
    ['poetry.lock', '[[package]]\nname = "transformers"\nversion = "4.44.0"\n', ['2 huggingface-transformers dependency transformers']],
    ['pyproject.toml', '[tool.poetry.dependencies]\npython = "^3.11"\nMistralAI = "^1.0"\n', ['3 mistral dependency MistralAI']],
    ['go.mod', 'module x\n\nrequire github.com/cohere-ai/cohere-go/v2 v2.8.0\n', ['3 cohere dependency github.com/cohere-ai/cohere-go/v2']],
    ['yarn.lock', '"@anthropic-ai/sdk@^0.27.0":\n  version "0.27.0"\n\nanthropic-lookalike@^1.0.0:\n  version "1.0.0"\n', ['1 anthropic dependency @anthropic-ai/sdk']],
  ])('%s', (file, text, expected) => {
    expect(found(file, text)).toEqual(expected);
  });
});

describe('imports, by language', () => {
  it.each([
    ['Chat.java', 'package x;\nimport com.openai.client.OpenAIClient;\nimport com.openaiclone.Foo;\n', ['2 openai import com.openai.client.OpenAIClient']],
    ['Model.kt', 'import ai.djl.Model\nimport ai.djlx.Other\n', ['1 djl import ai.djl.Model']],
    ['bot.rb', "require 'json'\nrequire \"openai\"\n# require 'anthropic'\n", ['2 openai import openai']],
    ['main.rs', 'use std::io;\nuse async_openai::Client;\n// use ort::Session;\n', ['2 openai import async_openai']],
    ['Program.cs', 'using System;\nusing Microsoft.SemanticKernel;\nusing Microsoft.SemanticKernelish;\n', ['2 semantic-kernel import Microsoft.SemanticKernel']],
    ['app.ts', "import type { X } from './openai';\nconst m = await import('@mistralai/mistralai');\n", ['2 mistral import @mistralai/mistralai']],
    ['train.py', 'import os, sklearn.metrics as m\nfrom . import torch\n', ['1 scikit-learn import sklearn.metrics']],
  ])('%s', (file, text, expected) => {
    expect(found(file, text)).toEqual(expected);
  });
});

describe('hosted endpoints', () => {
  it('matches whole host names, wildcards as one label, nothing longer', () => {
    const text = [
      'a = "https://acme-prod.openai.azure.com/openai/deployments/x"',
      'b = "https://bedrock-runtime.eu-west-1.amazonaws.com"',
      'c = "https://api.openai.com.evil.example/v1"',
      'd = "https://xapi.openai.com/v1"',
      'e = "https://a.b.openai.azure.com"',
      'f = "wss://API.OpenAI.com/v1/realtime"',
    ].join('\n');
    expect(found('settings.toml', text)).toEqual([
      '1 azure-openai endpoint acme-prod.openai.azure.com',
      '2 aws-bedrock endpoint bedrock-runtime.eu-west-1.amazonaws.com',
      '6 openai endpoint api.openai.com',
    ]);
  });

  it('is not looked for in Markdown, nor in lockfiles', () => {
    expect(candidateOf('docs/guide.md', index)).toBeUndefined();
    expect(found('package-lock.json', '{"packages": {"": {"homepage": "https://api.openai.com"}}}')).toEqual([]);
  });
});

describe('model files, by name and header only', () => {
  const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);
  it.each([
    ['m.safetensors', bytes(0x10, 0, 0, 0, 0, 0, 0, 0, 0x7b, 0x22), 'safetensors-model'],
    ['m.h5', bytes(0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a), 'keras-model'],
    ['m.tflite', bytes(0x1c, 0, 0, 0, 0x54, 0x46, 0x4c, 0x33), 'tflite-model'],
    ['m.pt', bytes(0x50, 0x4b, 0x03, 0x04), 'pytorch-model'],
    ['m.mlmodel', bytes(0x08, 0x04), 'coreml-model'],
  ])('%s', (file, header, signature) => {
    expect(candidateOf(file, index)).toEqual({ read: 'header' });
    expect(detectInHeader(file, header, index).map((d) => d.signature)).toEqual([signature]);
  });

  it('does not call a file with the extension but the wrong header a model', () => {
    expect(detectInHeader('export.h5', new TextEncoder().encode('col_a,col_b\n'), index)).toEqual([]);
    expect(detectInHeader('page.pt', new TextEncoder().encode('<html>'), index)).toEqual([]);
  });
});

describe('signatures as data', () => {
  it('an organisation adds its own and can replace a built-in one', () => {
    const own = loadSignatures('own.yaml', dedent`
      signatures:
        - id: acme-llm-gateway
          name: Acme internal LLM gateway
          category: hosted-ai
          hosted: true
          hosts: [llm.acme.internal]
          packages: { pypi: [acme-llm] }
    `, schemas);
    const merged = buildSignatureIndex(mergeSignatures(loadSignatures(SIGNATURES_FILE, readSignaturesText(), schemas), own, [toSignature({ id: 'openai', name: 'OpenAI (Acme-approved)', category: 'llm-sdk', packages: { pypi: ['openai'] } })]));
    expect(detectInText('requirements.txt', 'acme-llm==1\nopenai==1\n', merged).map((d) => d.signature)).toEqual(['acme-llm-gateway', 'openai']);
    expect(detectInText('c.yaml', 'url: https://llm.acme.internal/v1\n', merged).map((d) => d.signature)).toEqual(['acme-llm-gateway']);
    // The replaced openai signature has no hosts any more.
    expect(detectInText('c.yaml', 'url: https://api.openai.com/v1\n', merged)).toEqual([]);
  });

  it('a signatures file that breaks the schema stops the run with its path and pointer', () => {
    expect(() => loadSignatures('own.yaml', 'signatures:\n  - id: Bad Id\n    name: x\n    category: llm-sdk\n', schemas)).toThrow(/own\.yaml: \/signatures\/0\/id/);
    expect(() => loadSignatures('own.yaml', 'signatures:\n  - id: x\n    name: x\n    category: magic\n', schemas)).toThrow(/\/signatures\/0\/category/);
  });
});

describe('the host-name hint, the one expression built from data', () => {
  it('is literal text joined by `|`, linear by recheck even for hostile wildcard and metacharacter patterns', () => {
    const hostile = buildSignatureIndex(mergeSignatures(loadSignatures(SIGNATURES_FILE, readSignaturesText(), schemas), [toSignature({ id: 'odd', name: 'Odd', category: 'hosted-ai', hosts: ['*-*-*-*.x', 'a+b(c).[d]', '*.*.*'] })]));
    const hint = hostile.hostHint as RegExp;
    expect(checkSync(hint.source, hint.flags, { timeout: 120_000 }).status).toBe('safe');
    // Metacharacters in a pattern are text, not syntax.
    expect(hint.test('call a+b(c).[d] now')).toBe(true);
    expect(hint.test('call aab(c)x[d] now')).toBe(false);
  });
});
