/** 通知消息（与 notifications.en.ts 的键一一对应）。 */
export const notificationsZh = {} as const;
