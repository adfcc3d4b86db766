import type { TriageMessages } from './en';

/** Русские сообщения о подтверждении оповещений и списки выбора в формах объявления и отправки. */
export const triageRu: TriageMessages = {
  alerts: {
    ack: {
      column: 'Подтверждение', filter: 'Подтверждение', states: { false: 'Ещё не подтверждено', true: 'Подтверждено этой организацией' },
      button: 'Подтвердить', note: 'Примечание (необязательно)', confirm: 'Отправить подтверждение', cancel: 'Отмена', done: 'Оповещение подтверждено.',
      acknowledged: 'Подтверждено', byKey: 'ключом {{key}}', notAcknowledged: 'Не подтверждено', repeatedSince: 'с тех пор повторилось',
    },
  },
  incidents: {
    declare: {
      tierConfigured: 'Уровни, настроенные на этом узле.', tierRequires: 'На этом уровне должны выполняться: {{criteria}}.', tierRequiresNone: 'На этом уровне ни один критерий не обязателен.',
      tiersUnavailable: 'Не удалось прочитать настроенные уровни: введите название уровня.',
    },
  },
  referrals: {
    send: {
      partner: 'Узел-партнёр', partnerHint: 'Узлы-партнёры, с которыми этот узел состоит в федерации.', choosePartner: 'Выберите узел-партнёр', partnerOption: '{{name}} ({{id}})',
      noPartners: 'Узлы-партнёры здесь ещё не зарегистрированы: сначала их регистрирует администратор.', partnersUnavailable: 'Не удалось прочитать узлы-партнёры: введите идентификатор узла получателя.',
      noIncident: 'Без инцидента', incidentOption: '{{title}} ({{status}})',
    },
  },
};
