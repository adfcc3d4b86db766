import type { TitleMessages } from './en';

/** Русский: заголовки страниц, открываемых с других страниц. */
export const titlesRu: TitleMessages = {
  titles: { incident: 'Инцидент {{id}}', referral: 'Обращение {{id}}', signal: 'Сигнал {{id}}', cluster: 'Кластер {{id}}', signalUnknown: 'Нет сигнала с этим сетевым идентификатором, доступного вашему ключу.', notFound: 'Страница не найдена', notFoundHelp: 'По этому адресу страницы нет, или вашему ключу она недоступна.' },
};
