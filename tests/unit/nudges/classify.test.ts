import { describe, expect, it } from 'vitest';
import { classifyMessage, fnv1a64, normaliseForHash, type Signal } from '@/lib/nudges/classify';

type Depth = 'personal' | 'broadcast';

interface Case {
  text: string;
  to?: string;
  /** A text the user sent to someone else today: [text, that person's name]. */
  sentToOther?: [string, string];
  touched?: boolean;
  depth: Depth;
  signals: Signal[];
  pitch?: boolean;
}

function hashOf(text: string, name: string): string {
  return classifyMessage({ text, recipientName: name, hasPersonalTouch: true }).hash;
}

const cases: [string, Case][] = [
  // --- personal, English ---------------------------------------------------------
  [
    'webinar recording she asked for (the brief example)',
    {
      text: "Hi Marta, here's the webinar recording you asked about",
      to: 'Marta Rossi',
      depth: 'personal',
      signals: ['promo'],
      pitch: false,
    },
  ],
  [
    'a job offer is not an offer',
    {
      text: "Marta, congrats on the new job offer! So happy for you, let's celebrate soon.",
      to: 'Marta Rossi',
      depth: 'personal',
      signals: [],
    },
  ],
  [
    'a career promotion is not a promo; no name alone is not enough',
    {
      text: "Congrats on your promotion, well deserved! Let's grab a coffee next week?",
      to: 'Luca Bianchi',
      depth: 'personal',
      signals: ['no-name'],
    },
  ],
  [
    '"are you free" is not a free trial',
    {
      text: 'Are you free on Saturday? We could take the kids to the lake together.',
      to: 'Luca Bianchi',
      depth: 'personal',
      signals: ['no-name'],
    },
  ],
  [
    'praising their demo',
    {
      text: 'Hey Sam, your demo at the meetup was great! Can you send me the slides?',
      to: 'Sam Taylor',
      depth: 'personal',
      signals: [],
    },
  ],
  [
    'a short thanks never counts as no-name',
    {
      text: 'Thanks!',
      to: 'Luca Bianchi',
      depth: 'personal',
      signals: [],
    },
  ],
  [
    'a short birthday wish',
    {
      text: 'Happy birthday, have a great day!',
      to: 'Anna Verdi',
      depth: 'personal',
      signals: [],
    },
  ],
  [
    'a link without a call to action',
    {
      text: "Here's the article I promised you: https://example.com/article",
      to: 'Marta Rossi',
      depth: 'personal',
      signals: ['no-name'],
    },
  ],
  [
    'formal, by surname',
    {
      text: 'Dear Dr. Rossi, thank you for your time yesterday; I enjoyed our conversation about the project.',
      to: 'Marta Rossi',
      depth: 'personal',
      signals: [],
    },
  ],
  [
    'name without accents and in lower case',
    {
      text: 'Hi jose, are we still on for dinner at the usual place tonight?',
      to: 'José García',
      depth: 'personal',
      signals: [],
    },
  ],
  [
    'name split by a zero-width space',
    {
      text: 'Hi Mar\u200Bta, I loved your talk on accessibility yesterday, can we chat about it?',
      to: 'Marta Rossi',
      depth: 'personal',
      signals: [],
    },
  ],
  [
    'curly braces in a code snippet are not a merge tag',
    {
      text: 'Marta, in JavaScript you can write {x} or [a, b] in a destructuring assignment.',
      to: 'Marta Rossi',
      depth: 'personal',
      signals: [],
    },
  ],
  [
    'a holiday deal shared with a friend by name',
    {
      text: 'We got 50% off the hotel and the kids stay free. Marta, come with us!',
      to: 'Marta Rossi',
      touched: true,
      depth: 'personal',
      signals: ['promo'],
      pitch: false,
    },
  ],
  [
    'a sign-up sheet for a match, with name and link',
    {
      text: 'Luca, the sign-up sheet for the five-a-side match is here: https://docs.example.com/xyz',
      to: 'Luca Bianchi',
      depth: 'personal',
      signals: ['cta-link'],
    },
  ],
  [
    'an invitation to a book club is not a pitch',
    {
      text: 'Luca, would you be interested in joining our book club? We meet on Thursdays.',
      to: 'Luca Bianchi',
      depth: 'personal',
      signals: [],
      pitch: false,
    },
  ],
  [
    'a pitch by name to someone never heard: personal, but a pitch',
    {
      text: "Hi Luca, I'd love to show you how our platform helps teams like yours save hours every week.",
      to: 'Luca Bianchi',
      depth: 'personal',
      signals: ['promo'],
      pitch: true,
    },
  ],
  [
    'unknown recipient: a lone promo is not enough',
    {
      text: 'Special price for the first ten people who join the course this month',
      depth: 'personal',
      signals: ['promo'],
      pitch: true,
    },
  ],

  // --- personal, Italian ---------------------------------------------------------
  [
    'articolo promesso, con nome',
    {
      text: "Ciao Giulia, ti giro l'articolo di cui parlavamo: https://blog.example.it/post",
      to: 'Giulia Neri',
      depth: 'personal',
      signals: [],
    },
  ],
  [
    'promozione di carriera',
    {
      text: 'Complimenti per la promozione, te la meriti tutta! Ci vediamo presto per un caffè?',
      to: 'Giulia Neri',
      depth: 'personal',
      signals: ['no-name'],
    },
  ],
  [
    'offerta di lavoro',
    {
      text: "Complimenti per l'offerta di lavoro, Giulia! Quando inizi?",
      to: 'Giulia Neri',
      depth: 'personal',
      signals: [],
    },
  ],
  [
    'registrazione del webinar richiesta, con nome',
    {
      text: 'Ciao Marco, come mi avevi chiesto ti mando la registrazione del webinar.',
      to: 'Marco Gallo',
      depth: 'personal',
      signals: ['promo'],
      pitch: false,
    },
  ],
  [
    'registrazione del webinar richiesta, senza nome: il riferimento personale vince',
    {
      text: 'Ciao, come mi avevi chiesto ti mando la registrazione del webinar di ieri.',
      to: 'Marco Gallo',
      depth: 'personal',
      signals: ['promo', 'no-name'],
      pitch: false,
    },
  ],
  [
    'nome con accento scritto in maiuscolo senza accento',
    {
      text: 'NICCOLO! Ma quanto tempo è passato, ci prendiamo un caffè in settimana?',
      to: 'Niccolò Ferri',
      depth: 'personal',
      signals: [],
    },
  ],
  [
    'cena prenotata tra amici',
    {
      text: 'Prenota una cena per sabato, Paolo, al solito posto!',
      to: 'Paolo Conti',
      depth: 'personal',
      signals: [],
    },
  ],
  [
    'gara di amici: iscriviti anche tu',
    {
      text: 'Marco, iscriviti anche tu alla corsa di domenica: https://gara.example.it',
      to: 'Marco Gallo',
      depth: 'personal',
      signals: ['cta-link'],
    },
  ],
  [
    'sconto trovato per caso, con nome',
    {
      text: 'Anna, ho trovato il volo per Lisbona a prezzo scontato, vieni?',
      to: 'Anna Verdi',
      touched: true,
      depth: 'personal',
      signals: ['promo'],
      pitch: false,
    },
  ],

  // --- broadcast: placeholders -----------------------------------------------------
  [
    '%FIRSTNAME%',
    {
      text: 'Hi %FIRSTNAME%, I wanted to share something new with you today.',
      to: 'Marta Rossi',
      depth: 'broadcast',
      signals: ['placeholder', 'no-name'],
    },
  ],
  [
    '{{first_name}}, recipient unknown',
    {
      text: 'Hi {{first_name}}, quick question about your hiring plans this quarter.',
      depth: 'broadcast',
      signals: ['placeholder'],
    },
  ],
  [
    '[Name]',
    {
      text: 'Hello [Name], I hope this message finds you well.',
      depth: 'broadcast',
      signals: ['placeholder'],
    },
  ],
  [
    '[Nome] with a pitch',
    {
      text: 'Ciao [Nome], volevo presentarti la nostra piattaforma per gestire i turni.',
      depth: 'broadcast',
      signals: ['placeholder', 'promo'],
      pitch: true,
    },
  ],
  [
    '{first_name} with a webinar',
    {
      text: 'Hi {first_name}, join our free webinar on Thursday!',
      depth: 'broadcast',
      signals: ['placeholder', 'promo'],
      pitch: true,
    },
  ],
  [
    'Mailchimp merge tag',
    {
      text: '*|FNAME|*, our spring sale ends Friday',
      depth: 'broadcast',
      signals: ['placeholder', 'promo'],
    },
  ],
  [
    '{nome} in Italian',
    {
      text: 'Gentile {nome}, abbiamo il piacere di invitarla al nostro evento di primavera.',
      depth: 'broadcast',
      signals: ['placeholder'],
    },
  ],
  [
    '%NOME%',
    {
      text: 'Ciao %NOME%, come va?',
      depth: 'broadcast',
      signals: ['placeholder'],
    },
  ],
  [
    '[Azienda]',
    {
      text: 'Buongiorno team di [Azienda], vi scrivo per un aggiornamento.',
      depth: 'broadcast',
      signals: ['placeholder'],
    },
  ],

  // --- broadcast: promo combined ---------------------------------------------------
  [
    'offer + sign up link, even with the name',
    {
      text: 'Hi Marta, our special offer ends Friday: 30% off all plans. Sign up here: https://example.com/pricing',
      to: 'Marta Rossi',
      depth: 'broadcast',
      signals: ['promo', 'cta-link'],
      pitch: true,
    },
  ],
  [
    'webinar + register link',
    {
      text: 'Hi Marta, join our free webinar on growth marketing next Thursday, register at https://ex.com/w',
      to: 'Marta Rossi',
      depth: 'broadcast',
      signals: ['promo', 'cta-link'],
      pitch: true,
    },
  ],
  [
    'exclusive offer, no name',
    {
      text: 'Exclusive offer for our network: get 20% off our consulting services this month only.',
      to: 'Luca Bianchi',
      depth: 'broadcast',
      signals: ['promo', 'no-name'],
      pitch: true,
    },
  ],
  [
    'pitch with no name to someone already known: broadcast, not a pitch nudge',
    {
      text: "I'd love to show you how our platform can help your team save hours every week.",
      to: 'Luca Bianchi',
      touched: true,
      depth: 'broadcast',
      signals: ['promo', 'no-name'],
      pitch: false,
    },
  ],
  [
    'booking link without the name',
    {
      text: 'Book your spot for the meetup here: https://calendly.com/xyz',
      to: 'Luca Bianchi',
      depth: 'broadcast',
      signals: ['promo', 'cta-link', 'no-name'],
      pitch: true,
    },
  ],
  [
    'a calendly link is a call to action by itself',
    {
      text: 'Grab 15 minutes with me: https://calendly.com/marco/15min',
      to: 'Anna Verdi',
      depth: 'broadcast',
      signals: ['cta-link', 'no-name'],
    },
  ],
  [
    'offerta speciale + sconto + iscriviti con link',
    {
      text: 'Offerta speciale solo per questa settimana: 30% di sconto su tutti i corsi, iscriviti qui https://corsi.example.it',
      to: 'Giulia Neri',
      depth: 'broadcast',
      signals: ['promo', 'cta-link', 'no-name'],
      pitch: true,
    },
  ],
  [
    'prova gratuita + registrati',
    {
      text: 'Ciao Giulia, prova gratuita di 14 giorni della nostra piattaforma: registrati su https://app.example.it/signup',
      to: 'Giulia Neri',
      depth: 'broadcast',
      signals: ['promo', 'cta-link'],
      pitch: true,
    },
  ],
  [
    'posti limitati, senza nome',
    {
      text: 'Posti limitati per la masterclass di sabato, prenota ora il tuo posto!',
      to: 'Giulia Neri',
      depth: 'broadcast',
      signals: ['promo', 'no-name'],
      pitch: true,
    },
  ],
  [
    'consulenza gratuita con nome: personale ma è una proposta',
    {
      text: 'Ciao Marco, ti interesserebbe una consulenza gratuita per aumentare le vendite del tuo negozio?',
      to: 'Marco Gallo',
      depth: 'personal',
      signals: ['promo'],
      pitch: true,
    },
  ],
  [
    'a tempo limitato, prenota una call',
    {
      text: 'Solo a tempo limitato: prenota una call con il nostro team e scopri come crescere.',
      to: 'Marco Gallo',
      depth: 'broadcast',
      signals: ['promo', 'no-name'],
      pitch: true,
    },
  ],

  // --- broadcast: duplicates -------------------------------------------------------
  [
    'same text sent to someone else today, names swapped',
    {
      text: 'Hi Luca, I just wanted to check in and see how things are going these days!',
      to: 'Luca Bianchi',
      sentToOther: ['Hi Marta, I just wanted to check in and see how things are going these days!', 'Marta Rossi'],
      depth: 'broadcast',
      signals: ['duplicate'],
    },
  ],
  [
    'same text with a different greeting and punctuation',
    {
      text: 'Hello Luca - I just wanted to check in and see how things are going these days',
      to: 'Luca Bianchi',
      sentToOther: ['Hi Marta, I just wanted to check in and see how things are going these days!', 'Marta Rossi'],
      depth: 'broadcast',
      signals: ['duplicate'],
    },
  ],
  [
    'same text with per-recipient tracking links',
    {
      text: 'Luca, I put together some thoughts on remote work here https://ex.com/r?rid=456',
      to: 'Luca Bianchi',
      sentToOther: ['Marta, I put together some thoughts on remote work here https://ex.com/r?rid=123', 'Marta Rossi'],
      depth: 'broadcast',
      signals: ['duplicate'],
    },
  ],
  [
    'stesso messaggio in italiano a due persone',
    {
      text: 'Ciao Giulia, buone feste a te e alla tua famiglia, che sia un anno sereno!',
      to: 'Giulia Neri',
      sentToOther: ['Ciao Paolo, buone feste a te e alla tua famiglia, che sia un anno sereno!', 'Paolo Conti'],
      depth: 'broadcast',
      signals: ['duplicate'],
    },
  ],
  [
    'a short thanks sent to several people is not a duplicate',
    {
      text: 'Thanks so much, Luca!',
      to: 'Luca Bianchi',
      sentToOther: ['Thanks so much, Marta!', 'Marta Rossi'],
      depth: 'personal',
      signals: [],
    },
  ],
  [
    'a different text is not a duplicate',
    {
      text: 'Hi Luca, how did the move to Turin go? Did the cat survive the trip?',
      to: 'Luca Bianchi',
      sentToOther: ['Hi Marta, I just wanted to check in and see how things are going these days!', 'Marta Rossi'],
      depth: 'personal',
      signals: [],
    },
  ],
];

describe('classifyMessage', () => {
  it('has a table of at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s', (_label, c) => {
    const sentTodayHashes = c.sentToOther ? new Set([hashOf(c.sentToOther[0], c.sentToOther[1])]) : undefined;
    const r = classifyMessage({
      text: c.text,
      ...(c.to !== undefined ? { recipientName: c.to } : {}),
      ...(sentTodayHashes ? { sentTodayHashes } : {}),
      hasPersonalTouch: c.touched ?? false,
    });
    expect(r.signals).toEqual(c.signals);
    expect(r.depth).toBe(c.depth);
    if (c.pitch !== undefined) expect(r.pitchWithoutListening).toBe(c.pitch);
    expect(r.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps no text: the hash is a fixed-size digest', () => {
    const r = classifyMessage({ text: 'Hi Marta, a secret about the merger', recipientName: 'Marta Rossi', hasPersonalTouch: true });
    expect(r.hash).toHaveLength(16);
    expect(JSON.stringify(r)).not.toMatch(/secret|merger|marta/i);
  });

  it('pitchWithoutListening only without a personal touch', () => {
    const text = 'Hi Luca, would you be interested in a free trial of our platform?';
    expect(classifyMessage({ text, recipientName: 'Luca', hasPersonalTouch: false }).pitchWithoutListening).toBe(true);
    expect(classifyMessage({ text, recipientName: 'Luca', hasPersonalTouch: true }).pitchWithoutListening).toBe(false);
  });
});

describe('normaliseForHash', () => {
  it.each([
    ['Hi Marta, how are you?', ['Marta Rossi'], 'how are you'],
    ['Ciao Niccolò!  Come stai?', ['Niccolò Ferri'], 'come stai'],
    ['Dear Dr. Rossi, thanks.', ['Marta Rossi'], 'thanks'],
    ['See https://ex.com/a?utm=1#x now', [], 'see https ex com a now'],
    ['Zero\u200Bwidth and \u202Ebidi', [], 'zerowidth and bidi'],
    ['ÉCOLE', [], 'ecole'],
  ] as [string, string[], string][])('%s -> %s', (text, names, out) => {
    expect(normaliseForHash(text, names)).toBe(out);
  });

  it('the same template to two people normalises the same', () => {
    expect(normaliseForHash('Hi Marta, the webinar is on!', ['Marta Rossi'])).toBe(normaliseForHash('Hello Luca - the webinar is on', ['Luca Bianchi']));
  });
});

describe('fnv1a64', () => {
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('%j -> %s', (s, h) => {
    expect(fnv1a64(s)).toBe(h);
  });
});
