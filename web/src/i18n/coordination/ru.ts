import type { CoordinationMessages } from './en';

/** Русский: страницы координации (инциденты, обращения). */
export const coordinationRu: CoordinationMessages = {
  nav: { incidents: 'Инциденты', referrals: 'Обращения и предписания' },
  incidents: {
    title: 'Инциденты', show: 'Показать', all: 'Все', empty: 'Инцидентов нет.', caption: 'Инциденты ({{count}})', titleField: 'Название', tier: 'Уровень', status: 'Состояние', declarer: 'Объявил', receivedFrom: 'Получен от',
    eventAt: 'Время события', discoveredAt: 'Время обнаружения', declaredAt: 'Объявлен', concludedAt: 'Завершён', thisNode: 'этот узел', distribution: 'Распространение', leadProtocol: 'Ведущий протокол', externalRefs: 'Внешние ссылки',
    banks: 'Связанные банки', partners: 'Участвующие партнёры', id: 'Сетевой идентификатор', summary: 'Объявление', criteria: 'Критерии активации', criterion: 'Критерий', met: 'Выполнен', notMet: 'Не выполнен', reason: 'Обоснование', yes: 'да', no: 'нет',
    criterionReason: 'Обоснование: {{criterion}}', signalUids: 'Связанные сигналы (сетевые идентификаторы)', protocol: 'Протокол', refId: 'Ссылка', join: 'Присоединиться: этот узел работает над инцидентом', joined: 'Этот узел теперь работает над инцидентом.',
    surge: 'Совпадения в час', surgeTable: 'Совпадения в час по узлам-партнёрам', noSurge: 'Сводок совпадений пока нет: партнёры сообщают о совпадениях раз в час.', hour: 'Час',
    signals: 'Связанные сигналы', noSignals: 'При объявлении сигналы не были связаны.', browseSignals: 'Сигналы, добавленные по этому инциденту',
    referrals: 'Связанные обращения', noReferrals: 'По этому инциденту обращений нет.', sendReferral: 'Отправить обращение по этому инциденту',
    timeline: 'Общая хронология', entryEvent: 'Произошло:', entryDiscovered: 'Обнаружено:', signedBy: 'Записано и подписано узлом {{node}} (запись {{seq}})', via: 'передано через {{node}}', node: 'Узел',
    statuses: { open: 'открыт', concluded: 'завершён' },
    tiers: { perpetrator_content: 'Материалы исполнителя', content_incident: 'Инцидент с контентом', awareness: 'Для сведения' },
    criteriaNames: { ongoing_attack: 'Нападение продолжается или только что произошло', perpetrator_produced: 'Материалы созданы исполнителем', depicts_killing: 'Изображено убийство или покушение на убийство', on_partner_services: 'Обнаружено на сервисах партнёров' },
    kinds: {
      declared: 'Объявлен', joined: 'Присоединился', note: 'Заметка', action: 'Принятая мера', variant: 'Замечен новый вариант', signals_shared: 'Сигналы переданы', first_match: 'Первое совпадение', matches: 'Совпадения',
      alert: 'Оповещение', conclusion_proposed: 'Предложено завершить', concluded: 'Завершён', debrief: 'Разбор',
    },
    declare: {
      title: 'Объявить инцидент', heading: 'Объявление', criteriaHint: 'Отметьте каждый критерий — выполнен или нет — и обоснуйте.',
      noBanks: 'Банков пока нет.', addRef: 'Добавить ссылку', removeRef: 'Удалить ссылку {{n}}', leadHint: 'Протокол, ведущий реагирование, если есть (например, concord).', submit: 'Объявить',
    },
    note: { title: 'Добавить в хронологию', kind: 'Тип записи', text: 'Текст', eventAt: 'Когда произошло (необязательно)', eventHint: 'Оставьте пустым, если сейчас.', submit: 'Добавить', added: 'Добавлено в хронологию.' },
    conclude: { title: 'Завершение', hint: 'Завершает только объявивший узел; тогда же измеряются сроки разбора.', text: 'Заключительная заметка', submit: 'Завершить инцидент' },
    debrief: {
      title: 'Разбор', firstSignal: 'Первый переданный сигнал', toFirstSignal: 'От объявления до первого сигнала', duration: 'Длительность', firstMatches: 'Первое совпадение на каждом узле', at: 'Время',
      afterDeclaration: 'После объявления', afterFirstSignal: 'После первого сигнала', noMatches: 'Совпадений пока не сообщалось.',
    },
  },
  referrals: {
    title: 'Обращения и предписания об удалении', filters: 'Фильтры', direction: 'Направление', all: 'Все', out: 'Отправленные', in: 'Полученные', status: 'Состояние', overdueOnly: 'Только просроченные', apply: 'Применить',
    empty: 'Подходящих обращений нет.', caption: 'Обращения ({{count}})', kind: 'Вид', party: 'Другая сторона', deadline: 'Срок', sentAt: 'Отправлено', receivedAt: 'Получено',
    one: '{{kind}} {{id}}', window: 'Срок исполнения', startedAt: 'Отсчёт начат (получение)', pausedFor: 'Всего на паузе', dueAt: 'Истекает', parties: 'Стороны', sender: 'Отправитель', receiver: 'Получатель',
    scrutinyAuthority: 'Орган проверки', thisNode: 'Этот узел', incident: 'Инцидент', content: 'Материалы и основания', label: 'Метка', grounds: 'Основания (ст. 2(7))', legalBasis: 'Правовое основание',
    statementOfReasons: 'Мотивировка', redress: 'Средства правовой защиты', noticeWithheld: 'Уведомление поставщика контента', withheldUntil: 'отложено до {{until}}', yes: 'да', no: 'нет',
    receipt: 'Подтверждение получения', receiptHash: 'Хеш подписанного события отправки', acknowledgedAt: 'Подтверждено', notReceived: 'ещё не получено', obstacle: 'Препятствие (приложение III)', obstacleReason: 'Причина',
    explanation: 'Пояснение', reportedAt: 'Сообщено', state: 'Состояние', obstacleOpen: 'не устранено: отсчёт приостановлен', obstacleCleared: 'устранено отправителем', noObstacle: 'О препятствиях не сообщалось.',
    decision: 'Решение (приложение II)', outcome: 'Итог', actedAt: 'Удалено или заблокировано в', actedJustNow: 'Удалено или заблокировано только что', decidedAt: 'Решено', reason: 'Обоснование', noDecision: 'Решения пока нет.',
    scrutiny: 'Проверка (ст. 4)', scrutinyRequestWindow: 'Проверку можно запросить до', requestedAt: 'Запрошена', scrutinyDueAt: 'Решение по проверке до', reinstatement: 'Восстановление', finding: 'Вывод',
    history: 'Подписанная история', event: 'Событие', at: 'Время', node: 'Записал', signed: 'Подпись', signedYes: 'подписано автором, проверено здесь', signedOwn: 'записано здесь, подписано в ленте этого узла',
    kinds: { removal_order: 'Предписание об удалении', referral: 'Обращение', threat_to_life: 'Уведомление об угрозе жизни' },
    statuses: { sent: 'отправлено', received: 'получено', acknowledged: 'подтверждено', obstructed: 'есть препятствие', decided: 'решено', voided: 'аннулировано' },
    roles: { sender: 'отправлено', receiver: 'получено', scrutiny: 'копия для проверки' },
    stopsOn: { decision: 'решение', acknowledgement: 'подтверждение' },
    stopsOnTitle: { decision: 'Осталось до решения', acknowledgement: 'Осталось до подтверждения' },
    clock: {
      syncing: 'сверка с часами узла…', waiting: 'отсчёт с момента получения', left: 'осталось {{span}} ({{clock}})', leftLabel: 'Осталось времени: {{clock}}', overdue: 'просрочено на {{span}} ({{clock}})', paused: 'приостановлено из-за препятствия, осталось {{span}}',
      acknowledged: 'остановлено: подтверждено', decided: 'остановлено: решено', voided: 'остановлено: предписание аннулировано', leftPlain: 'осталось {{span}}', lateBy: 'просрочено на {{span}}',
    },
    groundNames: {
      incites: '(a) подстрекает к террористическому преступлению', solicits_commission: '(b) склоняет к его совершению', solicits_participation: '(c) склоняет к участию в террористической группе',
      provides_instruction: '(d) обучает применению оружия или методов', threatens: '(e) содержит угрозу совершить теракт', other_terrorist_content: '(f) иные террористические материалы (ст. 2(7))',
    },
    obstacles: { force_majeure: 'Непреодолимая сила или фактическая невозможность', manifest_error: 'Явные ошибки в предписании', insufficient_information: 'Недостаточно сведений для исполнения' },
    outcomes: { removed: 'удалено', disabled: 'доступ заблокирован', not_removed: 'не удалено' },
    scrutinyStatuses: { none: 'не запрошена', requested: 'запрошена', infringement: 'выявлено нарушение', no_infringement: 'нарушения нет' },
    reinstatements: { pending: 'ожидается', done: 'выполнено' },
    events: {
      sent: 'отправлено', receipt: 'получено', acknowledged: 'подтверждено', obstacle: 'препятствие', cleared: 'препятствие устранено', decided: 'решено', scrutiny_requested: 'запрошена проверка',
      scrutiny_decided: 'решение по проверке', complaint: 'жалоба', reinstated: 'восстановлено',
    },
    order: {
      title: 'Предписание об удалении (приложение I)', issuingAuthority: 'Выдавший орган', reference: 'Номер документа', memberState: 'Государство-член (две буквы)', issuedAt: 'Выдано', contactPoint: 'Контактное подразделение (не лицо)',
      viaHostAuthority: 'Передано через компетентный орган страны хостинга',
    },
    send: {
      title: 'Отправить обращение или предписание', heading: 'Узлу-партнёру', to: 'Идентификатор узла-партнёра', toHint: 'Идентификатор узла получателя.', urls: 'URL материалов', signalUids: 'Сигналы (сетевые идентификаторы)',
      onePerLine: 'По одному в строке.', withhold: 'Не уведомлять поставщика контента (ст. 11(3))', withheldUntil: 'Не уведомлять до', incidentHint: 'Необязательно: инцидент, к которому это относится.',
      deadline: 'Срок рассмотрения', deadlineHint: 'Необязательно; иначе — срок по умолчанию в сети.', submit: 'Отправить',
      clock: { removal_order: 'Получатель обязан удалить или заблокировать материал в течение часа после получения.', referral: 'Просьба проверить по правилам получателя до указанного срока.', threat_to_life: 'Получатель обязан подтвердить получение в течение заданного числа минут.' },
    },
    actions: {
      title: 'Действия', choose: 'Действие', done: 'Записано: {{action}}.', ack: 'Подтвердить', obstacle: 'Сообщить о препятствии', clear: 'Устранить препятствие', decision: 'Принять решение', scrutiny: 'Запросить проверку',
      'scrutiny-decision': 'Решить по проверке', reinstatement: 'Записать восстановление',
      text: { obstacle: 'Пояснение', clear: 'Дополнительные сведения или исправление', decision: 'Обоснование (обязательно, если не удалено)', scrutiny: 'Основания для проверки', 'scrutiny-decision': 'Обоснование', ack: '', reinstatement: '' },
    },
  },
};
