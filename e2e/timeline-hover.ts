/**
 * The timeline's tooltips, found as a person finds them: by moving the pointer along a lane.
 */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export interface LaneHit {
  /** Where the pointer is: over the span or marker whose tooltip matched. */
  x: number;
  y: number;
  /** The tooltip's text there. */
  text: string;
  /** Every tooltip text met on the way, the matching one last. */
  seen: string[];
}

/**
 * Moves the pointer along the lane whose label matches `lane`, left to right every `stride`
 * pixels, until the tooltip's text matches `what`. The pointer leaves the plot first, so the
 * first tooltip is one of this walk's. Throws, listing the tooltips met, when none matches.
 */
export async function findOnLane(
  page: Page,
  timeline: Locator,
  lane: RegExp,
  what: RegExp,
  stride = 3,
): Promise<LaneHit> {
  const plot = timeline.getByRole('application');
  const label = timeline.getByRole('button', { name: lane }).first();
  const lb = (await label.boundingBox())!;
  const pb = (await plot.boundingBox())!;
  const y = lb.y + lb.height / 2;
  const tip = timeline.getByRole('tooltip');
  await page.mouse.move(pb.x - 20, pb.y - 20);
  await expect(tip).toHaveCount(0);
  const seen: string[] = [];
  for (let x = pb.x + 2; x < pb.x + pb.width - 2; x += stride) {
    await page.mouse.move(x, y);
    if ((await tip.count()) === 0) continue;
    const text = await tip.innerText();
    seen.push(text);
    if (what.test(text)) return { x, y, text, seen };
  }
  throw new Error(`no tooltip on lane ${lane} matched ${what}:\n${seen.join('\n')}`);
}
