/** Messages of commands, modals, buttons, App Home and errors. */
export const uiEn = {} as const;
