import type { ReactNode } from 'react'
import type { OperatorView } from '../../api/contract'
import { AccessGate } from '../../components/AccessGate'
import { RoleHeader } from '../../components/RoleHeader'
import { callCloud } from '../../services/cloud'
import './ops.scss'

// The server re-checks the operator on every call; this only picks the screen.
const operatorWhoami = () => callCloud('ops', 'whoami', {})

const OPS_ACCESS = {
  checkingTitle: '正在验证运营身份',
  forbiddenTitle: '仅限品牌运营使用',
  forbiddenHint: '此页面供品牌运营管理会员积分与优惠券活动。如需使用，请联系品牌管理员开通权限。',
}

/** Every operator page: for the brand's operators only, headed by the tool's name and who is signed in. */
export const OpsDesk = ({ title, children }: { title: string; children: (operator: OperatorView) => ReactNode }) => (
  <AccessGate className="ops-page" whoami={operatorWhoami} wording={OPS_ACCESS}>
    {(operator) => (
      <>
        <RoleHeader title={title} who={`${operator.name} · ${operator.operatorId}`} />
        {children(operator)}
      </>
    )}
  </AccessGate>
)
