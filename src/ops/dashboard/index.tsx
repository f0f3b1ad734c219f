import { OpsDesk } from '../shared/OpsDesk'

const Page = () => <OpsDesk title="数据看板">{() => null}</OpsDesk>

export default Page
