/** 会员: the table at /members, a member's page at /members/<member number>. */
import { Route, Routes } from 'react-router-dom'
import MemberPage from './MemberPage'
import MembersPage from './MembersPage'

export default function MembersArea() {
  return (
    <Routes>
      <Route index element={<MembersPage />} />
      <Route path=":code" element={<MemberPage />} />
    </Routes>
  )
}
