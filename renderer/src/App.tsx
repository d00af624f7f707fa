import { useEffect, useState } from 'react';
import type { EngineClient } from '../../engine/app/api/client/engine-client.ts';
import { ConnectivityBadge } from './components/ConnectivityBadge.tsx';
import { KioskInfoProvider, useKioskInfo } from './hooks/use-kiosk-info.ts';
import { EngineContext, useConnectivity } from './hooks/use-engine.ts';
import { useInactivity } from './hooks/use-inactivity.ts';
import { ShopperScreen } from './screens/ShopperScreen.tsx';
import { StaffLogin } from './screens/StaffLogin.tsx';
import { StaffScreen } from './screens/StaffScreen.tsx';

type Mode = 'shopper' | 'staff';

/**
 * Staff screens left untouched this long log out, so the next shopper never sees them. The server
 * sends its own value (config staff.idleLogoutMs) with the login and drops the session after the
 * same idle time; this is only the value before anyone has logged in.
 */
const STAFF_IDLE_MS = 3 * 60_000;

/** The kiosk UI: the shopper screen by default, the staff area behind a PIN. */
export function App({ client }: { client: EngineClient }) {
  return (
    <EngineContext.Provider value={client}>
      <KioskInfoProvider>
        <Shell client={client} />
      </KioskInfoProvider>
    </EngineContext.Provider>
  );
}

function Shell({ client }: { client: EngineClient }) {
  const [mode, setMode] = useState<Mode>('shopper');
  const [isStaff, setIsStaff] = useState(client.isStaff);
  const connectivity = useConnectivity();
  const { shopName } = useKioskInfo();
  useEffect(() => client.onStaffChange(setIsStaff), [client]);

  const logout = async () => {
    await client.request('staff-logout', {});
    setMode('shopper');
  };
  useInactivity(mode === 'staff', (isStaff && client.staffIdleMs) || STAFF_IDLE_MS, () => {
    if (client.isStaff) void logout();
    else setMode('shopper');
  });

  return (
    <div className="app" data-mode={mode}>
      <header className="topbar">
        <h1 className="brand">{mode === 'shopper' ? (shopName ?? 'Shop assistant') : 'Staff'}</h1>
        <ConnectivityBadge c={connectivity} />
        {mode === 'shopper' ? (
          <button type="button" className="btn btn-quiet" onClick={() => setMode('staff')}>
            Staff
          </button>
        ) : (
          <div className="topbar-actions">
            {isStaff && (
              <button type="button" className="btn btn-quiet" onClick={() => void logout()}>
                Log out
              </button>
            )}
            <button type="button" className="btn btn-quiet" onClick={() => setMode('shopper')}>
              Back to shopper screen
            </button>
          </div>
        )}
      </header>
      <main className="content">
        {mode === 'shopper' && <ShopperScreen wakePhrase={connectivity.status?.wakePhrase ?? null} micAvailable={connectivity.status?.micAvailable ?? false} voicePaused={connectivity.status?.voicePaused ?? false} />}
        {mode === 'staff' && !isStaff && <StaffLogin pinSet={connectivity.status?.staffPinSet ?? true} />}
        {mode === 'staff' && isStaff && <StaffScreen />}
      </main>
    </div>
  );
}
