/**
 * IPTC Media Topics (https://iptc.org/standards/media-topics/): the subject codes agencies file news under. A topic
 * of ours may carry one, written as its QCode `medtop:` and eight digits; the form is checked on every write
 * (src/editorial/vocabulary) and every channel that shows it writes the scheme's URI beside it.
 */
export const MEDIA_TOPIC_SCHEME_URI = 'http://cv.iptc.org/newscodes/mediatopic/';

export const MEDIA_TOPIC_PATTERN = /^medtop:[0-9]{8}$/;

/** An example that editors are shown when a code is refused. */
export const MEDIA_TOPIC_EXAMPLE = 'medtop:20000568';

/** The concept's URI in the scheme: `medtop:20000568` is http://cv.iptc.org/newscodes/mediatopic/20000568. */
export function mediaTopicUri(qcode: string): string {
  return `${MEDIA_TOPIC_SCHEME_URI}${qcode.slice('medtop:'.length)}`;
}
