import type { ComplaintMessages } from './en';

/** Русский: жалобы по обращению (ст. 10) и восстановление. */
export const complaintsRu: ComplaintMessages = {
  referrals: {
    complaints: {
      title: 'Жалобы и восстановление (ст. 10)', note: 'Записываются только содержимое и решение, но никогда — кто пожаловался.', none: 'Жалоб не записано.', caption: 'Записанные жалобы',
      at: 'Записано', contentRef: 'Содержимое', decision: 'Решение', decisions: { upheld: 'удовлетворена', rejected: 'отклонена' },
      choices: { upheld: 'Удовлетворена: содержимое нужно восстановить', rejected: 'Отклонена: удаление остаётся в силе' },
      reinstatement: 'Восстановление', noReinstatement: 'не ожидается', pendingSince: 'ожидается', doneAt: 'выполнено {{at}}',
      form: 'Записать жалобу', submit: 'Записать жалобу', recorded: 'Жалоба записана ({{decision}}).',
      reinstateForm: 'Записать восстановление', reinstateHint: 'Запишите, когда содержимое снова доступно.', reinstateSubmit: 'Записать восстановление', reinstated: 'Восстановление записано.',
    },
  },
};
