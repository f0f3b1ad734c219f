import { useAccess } from '../../components/AccessGate'
import { callCloud } from '../../services/cloud'

const staffWhoami = () => callCloud('staff', 'whoami', {})

/** The shop assistant at this phone, for every staff page's header; the server re-checks on every call. */
export const useStaffAccess = () => useAccess(staffWhoami)
