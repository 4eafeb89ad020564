/**
 * The spaces pdf.js writes inside words ("coordinatio n", "evidence -based"), mended with the
 * document's own words as evidence, and the word spaces that evidence must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { splitWordMender } from '../../../src/ingest/formats/split-words.ts';

/** The mender of a document made of `texts`, applied to its first text. */
const mendFirst = (...texts: string[]) => splitWordMender(texts)(texts[0]!);

describe('splitWordMender', () => {
  it('joins fragments that are no words of the document when it spells the whole word elsewhere', () => {
    expect(mendFirst('Member States in the Ame ricas, the subprogramme', 'the Americas and the Caribbean')).toBe(
      'Member States in the Americas, the subprogramme',
    );
    expect(mendFirst('for coordinatio n and joint action', 'coordination of policies')).toBe('for coordination and joint action');
  });

  it('joins a stray letter onto a word the document uses at least twice ("system s")', () => {
    expect(mendFirst('the system s of', 'a system of systems; the systems')).toBe('the systems of');
  });

  it('in English text, joins a fragment that is no word of the document nor of English onto one that is ("as sistance")', () => {
    const doc = ['the assistance of the Office and the assistance to States', 'as the Office said, and in the field'];
    expect(mendFirst('technical as sistance to States', ...doc)).toBe('technical assistance to States');
    // both fragments English words: left apart ("in forming", "a part")
    expect(mendFirst('in forming the budget', 'informing the States and the Office', 'informing the field', 'in the field')).toBe(
      'in forming the budget',
    );
    // not in French text, whose words the English list does not know
    expect(mendFirst('une as sistance technique', 'une assistance et la assistance', 'as de la et les')).toBe('une as sistance technique');
  });

  it('joins two stray letters only in a long document, where the short words have all stood somewhere ("a nd" but not "up on")', () => {
    const long = Array.from({ length: 1_000 }, () => 'a plan and a budget for the year in full');
    expect(mendFirst('crime a nd justice', ...long)).toBe('crime and justice');
    // in a short English text the English lexicon decides: "nd" is no word, "up" and "on" are
    expect(mendFirst('crime a nd justice', 'a plan and a budget and more')).toBe('crime and justice');
    expect(mendFirst('to follow up on the provisions', 'upon request', 'upon request', 'scaled up')).toBe('to follow up on the provisions');
  });

  it('keeps two words apart when both are words of the document, whatever their sum spells', () => {
    expect(mendFirst('a part of the budget', 'apart from a part', 'part two')).toBe('a part of the budget');
    expect(mendFirst('Kashmir is not', 'the Kashmiris and Kashmir', 'it is')).toBe('Kashmir is not');
  });

  it('keeps a compound’s last part and an elided word as words ("follow-up on", "de s’éduquer")', () => {
    expect(mendFirst('the follow-up on the review', 'upon request', 'upon review')).toBe('the follow-up on the review');
    expect(mendFirst('de se loger, de s’éduquer', 'des écoles', 'des droits')).toBe('de se loger, de s’éduquer');
  });

  it('keeps a space the document gives no evidence about, and figures apart', () => {
    expect(mendFirst('37 977.4 18.7', '37977.4')).toBe('37 977.4 18.7');
  });

  it('joins a capital set apart from the rest of its word ("N ew York"), not a one-letter word or a capital before a word', () => {
    expect(mendFirst('N ew York, 25 septembre', 'à la tribune')).toBe('New York, 25 septembre');
    expect(mendFirst('« N e laisser personne de côté »', 'à la tribune')).toBe('« Ne laisser personne de côté »');
    expect(mendFirst('A new plan for T cells', 'the cells and the plan')).toBe('A new plan for T cells');
    expect(mendFirst('Y me honra regresar', 'me honra')).toBe('Y me honra regresar');
    expect(mendFirst('U Thant said', 'U Thant')).toBe('U Thant said');
    // a capital before a word of its own, even one the document says once
    expect(mendFirst('a vitamin D deficiency was found', 'the vitamin was found')).toBe('a vitamin D deficiency was found');
    // Russian's one-letter words: "В первом случае", "И третья"
    expect(mendFirst('В первом случае И третья', 'в первом')).toBe('В первом случае И третья');
  });

  it('takes the space out before a compound’s hyphen when the document uses either part in a compound', () => {
    expect(mendFirst('scientific evidence -based evaluation', 'community-based services')).toBe('scientific evidence-based evaluation');
    expect(mendFirst('due to the lower -than-projected value')).toBe('due to the lower-than-projected value');
  });

  it('takes no function word of another compound as evidence ("in" of "built-in")', () => {
    expect(mendFirst('the Council -in particular its members- agreed', 'a built-in clause', 'state-of-the-art tools')).toBe(
      'the Council -in particular its members- agreed',
    );
  });

  it('keeps the space before a dash that opens an aside', () => {
    expect(mendFirst('en la prosperidad compartida -porque la igualdad', 'de las mujeres llegó ya-, la protección')).toBe(
      'en la prosperidad compartida -porque la igualdad',
    );
  });
});
