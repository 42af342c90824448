/** Messages of the outbox notifications (see src/domain/notifications). Keys: `notification.<kind>.*`. */
export const notificationsEn = {} as const;
