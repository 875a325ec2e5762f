import { asksForPerson, matchedKeyword } from './intent';
import { scoreSentiment } from './sentiment';

/** An agent's hand-off rules (its configuration's `handoff` section). */
export interface AgentHandoffRules {
  keywords: readonly string[];
  maxUnanswered: number;
  onNegativeSentiment: boolean;
  /** Automatic rules (keywords, sentiment, unanswered questions) only for VIP visitors. */
  vipOnly: boolean;
}

export type EscalationRule = 'intent' | 'vip' | 'keyword' | 'sentiment' | 'unanswered';

export interface Escalation {
  rule: EscalationRule;
  reason: string;
}

export interface MessageFacts {
  text: string;
  rules: AgentHandoffRules;
  vip: boolean;
  /** Hand a VIP over at their first message (the workspace's VIP rule). */
  vipHandoff: boolean;
  /** No visitor message came before this one. */
  firstMessage: boolean;
}

/**
 * Whether a visitor's message sends the conversation to a person, and why. Asking for one in
 * so many words always does; a VIP's first message does when the workspace says so; the
 * agent's keywords and the sentiment rule do unless the agent keeps them for VIPs.
 */
export function escalationFor(facts: MessageFacts): Escalation | null {
  if (asksForPerson(facts.text)) return { rule: 'intent', reason: 'The visitor asked for a person.' };
  if (facts.vip && facts.vipHandoff && facts.firstMessage) return { rule: 'vip', reason: 'A VIP visitor.' };
  if (facts.rules.vipOnly && !facts.vip) return null;
  const keyword = matchedKeyword(facts.text, facts.rules.keywords);
  if (keyword) return { rule: 'keyword', reason: `The visitor wrote “${keyword}”.` };
  if (facts.rules.onNegativeSentiment) {
    const sentiment = scoreSentiment(facts.text);
    if (sentiment.negative)
      return {
        rule: 'sentiment',
        reason: `The visitor sounds unhappy (sentiment ${sentiment.score}: ${sentiment.words.join(', ')}).`,
      };
  }
  return null;
}

/** After how many unanswered questions in a row the conversation goes to a person (0: never). */
export function unansweredLimit(rules: AgentHandoffRules, vip: boolean): number {
  return rules.vipOnly && !vip ? 0 : rules.maxUnanswered;
}
