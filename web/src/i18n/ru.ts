import type { Messages } from './en';

/** Русский */
export const ru: Messages = {
  app: { title: 'Консоль Concord', skip: 'Перейти к содержимому', nav: 'Основная навигация', signOut: 'Выйти', language: 'Язык', signedInAs: 'Вход выполнен: {{partner}} ({{roles}})', loading: 'Загрузка…', error: 'Ошибка: {{message}}', retry: 'Повторить' },
  nav: { dashboard: 'Обзор', hash: 'Хеширование и отправка', review: 'Очередь проверки', banks: 'Банки', signals: 'Сигналы', partners: 'Партнёры и синхронизация', keys: 'Ключи и роли', audit: 'Журнал аудита' },
  signIn: { title: 'Вход', key: 'API-ключ', submit: 'Войти', help: 'Ключ хранится только в этой вкладке браузера и забывается при выходе.', invalid: 'Ключ отклонён: {{message}}' },
  dashboard: { title: 'Обзор', index: 'Размер индекса', health: 'Состояние узла', status: 'Состояние: {{status}}', problems: 'Проблемы', byLabel: 'Сигналы и совпадения по меткам', byType: 'Сигналы и совпадения по типам сигналов', chart: 'Совпадения по меткам', sync: 'Синхронизация с партнёрами', noPartners: 'Узлы партнёров не зарегистрированы.', type: 'Тип', count: 'Записей' },
  hash: {
    title: 'Хеширование и отправка', source: 'Содержимое', file: 'Файл', text: 'Текст', url: 'URL', drop: 'Перетащите файл сюда или выберите его', chooseFile: 'Файл для хеширования', textInput: 'Текст для хеширования', urlInput: 'URL для хеширования', hash: 'Вычислить хеш на этом узле', hashing: 'Вычисление…',
    note: 'Содержимое передаётся только этому узлу; он вычисляет хеши и ничего не сохраняет.', signals: 'Сигналы', quality: 'Качество', matchable: 'Пригоден для сравнения', tooWeak: 'слишком слабый для сравнения', skipped: 'Пропущено: {{type}}: {{reason}}',
    matches: 'Уже известно: совпадений — {{count}}', noMatches: 'Среди известных сигналов совпадений нет.', submit: 'Добавить в банк', submitButton: 'Отправить сигналы', submitted: 'Добавлено сигналов: {{count}}; они ждут подтверждения другим проверяющим.', nothingToSubmit: 'Нет сигналов, пригодных для отправки.',
  },
  review: { title: 'Очередь проверки', empty: 'Нет сигналов, ожидающих подтверждения.', approve: 'Подтвердить', reject: 'Отклонить', reason: 'Причина для сигнала {{id}}', ownSignal: 'Добавлен вашим ключом: подтвердить должен другой проверяющий.', approved: 'Сигнал {{id}} подтверждён.', rejected: 'Сигнал {{id}} отклонён.', confirmations: 'Подтверждений: {{have}} из {{need}}' },
  banks: { title: 'Банки', name: 'Название', description: 'Описание', owner: 'Владелец', create: 'Создать банк', createButton: 'Создать', created: 'Банк создан.', empty: 'Банков нет.', browse: 'Просмотреть сигналы' },
  signals: { title: 'Сигналы', filters: 'Фильтры', bank: 'Банк', type: 'Тип', label: 'Метка', status: 'Статус', contributor: 'Источник', value: 'Точное значение', any: 'Любой', apply: 'Применить', next: 'Следующая страница', first: 'Первая страница', empty: 'Нет сигналов, подходящих под фильтры.', id: 'Номер', reason: 'Причина', matches: 'Совпадения', page: 'Страница {{n}}' },
  signal: {
    title: 'Сигнал {{id}}', provenance: 'Происхождение', uid: 'Сетевой идентификатор', origin: 'Исходный узел', receivedFrom: 'Получен от', thisNode: 'этот узел', distribution: 'Распространение', confirmed: 'Подтверждён', notConfirmed: 'Ещё не подтверждён ({{have}} из {{need}})', created: 'Добавлен', originEvent: 'Подписанное событие исходного узла', noOriginEvent: 'Добавлен на этом узле.',
    opinions: 'Мнения', noOpinions: 'Мнений пока нет.', disputes: 'Оспаривания', audit: 'Журнал изменений', actions: 'Действия', dispute: 'Оспорить', retract: 'Отозвать', relabel: 'Исправить метку', newLabel: 'Новая метка', actionReason: 'Причина', done: 'Готово.', statusReason: 'Причина статуса',
  },
  partners: { title: 'Партнёры и синхронизация', id: 'Идентификатор', name: 'Название', kind: 'Вид', url: 'URL', lag: 'Отставание (событий)', lastSuccess: 'Последняя успешная синхронизация', lastError: 'Последняя ошибка', never: 'никогда', none: '—' },
  keys: { title: 'Ключи и роли', id: 'Идентификатор ключа', partner: 'Партнёр', roles: 'Роли', purpose: 'Назначение', created: 'Создан', state: 'Состояние', active: 'действует', revoked: 'отозван {{at}}', revoke: 'Отозвать {{id}}', create: 'Создать ключ', createButton: 'Создать ключ', secret: 'Новый ключ (показывается один раз, скопируйте его сейчас):', rolesLegend: 'Роли нового ключа' },
  audit: { title: 'Журнал аудита', seq: '№', at: 'Время', actor: 'Кто', action: 'Действие', subject: 'Объект', verify: 'Проверить цепочку', verifying: 'Проверка…', ok: 'Цепочка проверена: записей — {{checked}}.', broken: 'Цепочка нарушена на записи {{seq}}: {{problem}}', more: 'Более ранние записи', newer: 'С начала' },
  label: {
    perpetrator_content: 'Материалы исполнителя нападения', perpetrator_manifesto: 'Манифест исполнителя нападения', graphic_violence_defenceless: 'Насилие над беззащитными', imminent_credible_threat: 'Реальная непосредственная угроза',
    glorification_of_attack: 'Прославление нападения', instruction_for_violence: 'Инструкции по совершению насилия', recruitment_designated_entity: 'Вербовка (внесённая в список организация)', branded_propaganda_designated_entity: 'Пропаганда (внесённая в список организация)',
  },
  status: { active: 'действует', disputed: 'оспорен', retracted: 'отозван', expired: 'истёк' },
  distribution: { local: 'только этот узел', partners: 'прямые партнёры', network: 'вся сеть' },
  role: { admin: 'администратор', curator: 'куратор', reviewer: 'проверяющий', matcher: 'сопоставитель', auditor: 'аудитор' },
  opinion: { confirmed: 'подтверждён', disputed: 'оспорен', seen: 'встречался' },
};
