/** How many strategies a user's feed can be compared under at once (explain, side by side). */
export const MAX_COMPARED_STRATEGIES = 3;
