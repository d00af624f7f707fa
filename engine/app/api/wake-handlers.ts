import { EngineError } from '../../errors/engine-error.ts';
import type { ApiDeps, WakeModelsPort } from './deps.ts';
import type { HandlerMap } from './handler-registry.ts';

/** The staff wake-word names (train, try, activate, roll back), over the engine's WakeModelsPort. */
export function wakeHandlers({ wakeModels }: ApiDeps): HandlerMap {
  const port = (): WakeModelsPort => {
    if (!wakeModels)
      throw new EngineError('unavailable', 'the wake word stage is not running on this kiosk', {
        stage: 'wake',
      });
    return wakeModels;
  };
  return {
    'wake-status': () => port().status(),
    'wake-train-start': ({ phrase, minutes }) => port().train(phrase, minutes),
    'wake-train-cancel': () => port().cancel(),
    'wake-try': ({ model }) => port().tryModel(model),
    'wake-activate': ({ model }) => port().activate(model),
    'wake-rollback': () => port().rollback(),
  };
}
