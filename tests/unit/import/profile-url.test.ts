import { describe, expect, it } from 'vitest';
import { profileFromUrl } from '@/lib/import/text';
import { parseVCards } from '@/lib/import';

describe('imported profile URLs give the same handle the page gives', () => {
  it.each([
    ['https://www.linkedin.com/in/Bj%C3%B6rn-Example/', { site: 'linkedin', handle: 'björn-example' }],
    ['x.com/Ada_Example', { site: 'x', handle: 'ada_example' }],
    ['https://twitter.com/ada_example/status/1', { site: 'x', handle: 'ada_example' }],
    ['https://www.facebook.com/profile.php?id=100012345', { site: 'facebook', handle: 'id:100012345' }],
    ['https://github.com/ada-example', { site: 'github', handle: 'ada-example' }],
    ['https://www.instagram.com/ada.example/', { site: 'instagram', handle: 'ada.example' }],
  ])('%s', (url, want) => {
    expect(profileFromUrl(url)).toMatchObject(want);
  });

  it.each(['https://github.com/features', 'https://x.com/home', 'https://www.instagram.com/p/abc/', 'https://example.com/ada', 'javascript:alert(1)'])(
    'rejects %s',
    (url) => {
      expect(profileFromUrl(url)).toBeUndefined();
    },
  );

  it('a vCard X-SOCIALPROFILE for Facebook links the profile', () => {
    const [res] = [
      parseVCards(
        'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Example\r\nX-SOCIALPROFILE;type=facebook:https://www.facebook.com/profile.php?id=100012345\r\nEND:VCARD\r\n',
      ),
    ];
    expect(res!.people[0]!.profiles).toEqual([expect.objectContaining({ site: 'facebook', handle: 'id:100012345' })]);
  });
});
