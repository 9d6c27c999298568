/**
 * pdfjs's Util.transform: the product of two PDF matrices [a b c d e f], with pdfjs's arithmetic to the bit
 * (both readers place text with it: ./load.ts, ./quick/text.ts).
 */
export function transform(m1: ArrayLike<number>, m2: ArrayLike<number>): number[] {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}
