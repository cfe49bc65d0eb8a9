import { describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n';
import { english } from '../english';
import { translatorFor } from '../i18n';
import { handleText } from './handle-text';

initI18n('en');
const zh = translatorFor('zh-CN');

describe('handleText', () => {
  it('keeps the English labels of the trace model in English', () => {
    for (const [label, task] of [
      ['Task-3 step', 3],
      ['sleep(0.1) timer of beta', -1],
      ['sleep(1) timer', -1],
      ['callback #12', -1],
      ['gather.<locals>._done_callback', -1],
    ] as const)
      expect(handleText(label, english, task)).toBe(label);
  });

  it("names the simulated network's timers by what they do, in both languages (QA)", () => {
    expect(handleText('virtual_network.deliver', english, -1)).toBe(
      'network delivery (data in flight arrives)',
    );
    expect(handleText('virtual_network.deliver', zh, -1)).toBe('网络投递（传输中的数据到达）');
    expect(handleText('virtual_network.connect', english)).toBe(
      'network connection (the handshake arrives)',
    );
    expect(handleText('virtual_network.refuse', zh)).toBe('网络拒绝连接（没有人在监听）');
    expect(handleText('virtual_network.start_reading', english, -1)).toBe(
      'network: the connection starts reading',
    );
    expect(handleText('virtual_network.start_reading', zh, -1)).toBe('网络：连接开始读取数据');
    expect(handleText('self_pipe.read_signals', english, -1)).toBe(
      'signal wake-up (the loop reads a signal)',
    );
    expect(handleText('self_pipe.read_signals', zh, -1)).toBe('信号唤醒（事件循环读取信号）');
  });

  it('translates each shape of label into Chinese, keeping names and code as they are', () => {
    expect(handleText('Task-3 step', zh, 3)).toBe('Task-3 执行一步');
    expect(handleText('sleep(0.1) timer of beta', zh, -1)).toBe('beta 的 sleep(0.1) 定时器');
    expect(handleText('sleep(1) timer', zh, -1)).toBe('sleep(1) 定时器');
    expect(handleText('callback #12', zh, -1)).toBe('回调 #12');
    expect(handleText('stage2', zh, -1)).toBe('stage2');
    // Only a task's own step is a "step": a callback named so is code.
    expect(handleText('my step', zh, -1)).toBe('my step');
    // The explanations do not know the task: the shape decides.
    expect(handleText('main step', zh)).toBe('main 执行一步');
  });
});
