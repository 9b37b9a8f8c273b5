import { describe, expect, it } from 'vitest';
import { isAllowedChatgptHost, normalizeChatgptBaseUrl } from './chatgpt-base-url.js';

describe('normalizeChatgptBaseUrl', () => {
  it.each([
    ['https://chatgpt.com/backend-api/', 'https://chatgpt.com/backend-api'],
    ['https://chatgpt.com', 'https://chatgpt.com/backend-api'],
    ['https://chatgpt.com/', 'https://chatgpt.com/backend-api'],
    ['https://chat.openai.com', 'https://chat.openai.com/backend-api'],
    ['https://chatgpt.com/backend-api/codex', 'https://chatgpt.com/backend-api'],
    ['https://chatgpt.com/backend-api/codex/', 'https://chatgpt.com/backend-api'],
    ['https://chatgpt.com/backend-api/wham/remote/control/server/enroll', 'https://chatgpt.com/backend-api'],
    ['https://chatgpt.com/backend-api/wham/remote/control/server/', 'https://chatgpt.com/backend-api'],
    ['https://chatgpt.com/wham/remote/control/server', 'https://chatgpt.com/backend-api'],
    ['https://ab.chatgpt-staging.com/api//', 'https://ab.chatgpt-staging.com/api'],
    ['http://127.0.0.1:4000/backend-api/', 'http://127.0.0.1:4000/backend-api'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeChatgptBaseUrl(input)).toBe(expected);
  });
});

describe('isAllowedChatgptHost', () => {
  it.each([
    'https://chatgpt.com/backend-api',
    'https://CHATGPT.com/backend-api',
    'https://ios.chatgpt.com/backend-api',
    'https://chat.openai.com/backend-api',
    'https://chatgpt-staging.com/backend-api',
    'https://a.b.chatgpt-staging.com/backend-api',
  ])('allows %s', (url) => {
    expect(isAllowedChatgptHost(url)).toBe(true);
  });

  it.each([
    'https://evilchatgpt.com/backend-api',
    'https://chatgpt.com.evil.example/backend-api',
    'https://api.openai.com/v1',
    'https://x.chat.openai.com/backend-api',
    'http://127.0.0.1:4000/backend-api',
    'ftp://chatgpt.com/backend-api',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedChatgptHost(url)).toBe(false);
  });

  it('allows extra exact hosts', () => {
    expect(isAllowedChatgptHost('http://127.0.0.1:4000/backend-api', ['127.0.0.1'])).toBe(true);
    expect(isAllowedChatgptHost('http://127.0.0.2:4000/backend-api', ['127.0.0.1'])).toBe(false);
  });
});
