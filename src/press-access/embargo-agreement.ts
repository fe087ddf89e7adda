/**
 * The embargo agreement in force: what a journalist accepts when asking for accreditation. Its version is kept
 * with each request, so an accreditation can always be traced to the words it was given under. A change of wording
 * is a new version (a date); requests that name an older one are refused until the journalist has read the new one.
 */
export const EMBARGO_AGREEMENT = {
  version: '2026-12-07',
  text: {
    en:
      'I will not publish, broadcast or otherwise make public a press release shared with me under embargo, or ' +
      'any part of it, before the time its embargo ends. I will not pass it, its files or the links given to me ' +
      'to anyone outside my newsroom. I understand that my access is personal, that every opening and download is ' +
      'recorded, and that my accreditation may be suspended or revoked if I break this agreement.',
    ru:
      'Я не буду публиковать, передавать в эфир или иным образом обнародовать пресс-релиз, предоставленный мне ' +
      'под эмбарго, или любую его часть до окончания срока эмбарго. Я не буду передавать его, его файлы или ' +
      'выданные мне ссылки никому за пределами моей редакции. Я понимаю, что мой доступ личный, что каждое ' +
      'открытие и скачивание записывается и что моя аккредитация может быть приостановлена или отозвана, если я ' +
      'нарушу это соглашение.',
  },
} as const;
