import { OpsDesk } from '../shared/OpsDesk'

const Page = () => <OpsDesk title="客户分层">{() => null}</OpsDesk>

export default Page
