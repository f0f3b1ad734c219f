/** 活动: the table at /events, an event's guest list at /events/<event id>. */
import { Route, Routes } from 'react-router-dom'
import EventGuestsPage from './EventGuestsPage'
import EventsPage from './EventsPage'

export default function EventsArea() {
  return (
    <Routes>
      <Route index element={<EventsPage />} />
      <Route path=":eventId" element={<EventGuestsPage />} />
    </Routes>
  )
}
