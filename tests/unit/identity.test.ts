import { describe, expect, it } from 'vitest';
import { canonicalHandle, linkedInHandleFromUrl, profileKey } from '@/lib/sites/identity';

describe('linkedInHandleFromUrl', () => {
  it.each([
    ['https://www.linkedin.com/in/ada-example-0a1b2c3d/', 'ada-example-0a1b2c3d'],
    ['https://www.linkedin.com/in/Ada-Example/details/experience/', 'ada-example'],
    ['https://www.linkedin.com/in/ada-example/recent-activity/all/', 'ada-example'],
    ['https://www.linkedin.com/in/ada-example/overlay/contact-info/', 'ada-example'],
    ['https://www.linkedin.com/in/ada-example?miniProfileUrn=x#top', 'ada-example'],
    ['https://it.linkedin.com/in/bj%C3%B6rn-example', 'björn-example'],
    ['linkedin.com/in/BJ%C3%96RN-Example', 'björn-example'],
    ['www.linkedin.com/in/someone', 'someone'],
    ['/in/someone/details/', 'someone'],
    ['http://www.linkedin.com/in/bad%E0%A4%A', 'bad%e0%a4%a'],
  ])('%s -> %s', (url, handle) => {
    expect(linkedInHandleFromUrl(url)).toBe(handle);
  });

  it.each([
    'https://www.linkedin.com/feed/',
    'https://www.linkedin.com/company/kith/',
    'https://www.linkedin.com/in/',
    'https://example.com/in/ada',
    'https://notlinkedin.com/in/ada',
    '',
    'not a url',
  ])('rejects %s', (url) => {
    expect(linkedInHandleFromUrl(url)).toBeUndefined();
  });
});

describe('canonicalHandle', () => {
  it('decodes, folds case and NFC-normalises so composed and decomposed forms agree', () => {
    expect(canonicalHandle('Bjo\u0308rn')).toBe(canonicalHandle('BJ%C3%96RN'));
    expect(profileKey('linkedin', ' Ada ')).toBe('linkedin:ada');
  });
});
