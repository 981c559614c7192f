import { useEffect, useState } from 'react';
import { skylift } from './api/client';
import type { EngineStatus } from '../../shared/contract';

export function App() {
  const [status, setStatus] = useState<EngineStatus | null>(null);
  useEffect(() => {
    void skylift.api.engine.status({}).then(setStatus);
  }, []);
  return <main><h1>Skylift</h1><pre>{JSON.stringify(status, null, 2)}</pre></main>;
}
