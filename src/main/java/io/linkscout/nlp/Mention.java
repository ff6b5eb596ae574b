package io.linkscout.nlp;

/**
 * One occurrence of a topic in the analysed text.
 *
 * @param sentence  0-based sentence index in the text
 * @param charBegin offset of the first character in the (converted, plain) text
 * @param charEnd   offset after the last character
 * @param surface   the text as written, {@code text.substring(charBegin, charEnd)}
 */
public record Mention(int sentence, int charBegin, int charEnd, String surface) {
}
