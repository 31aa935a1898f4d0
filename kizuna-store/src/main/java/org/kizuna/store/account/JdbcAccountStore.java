package org.kizuna.store.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.kizuna.store.GroupNames;
import org.kizuna.store.StoreException;

/** Accounts in the {@code web_account} table of the node's database (H2 or PostgreSQL, same SQL). */
public final class JdbcAccountStore implements AccountStore {

    private static final String COLUMNS = "name, password_hash, role, groups_both, created_at";

    private final DataSource pool;

    public JdbcAccountStore(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Optional<AccountRow> find(String name) {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM web_account WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read account " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean add(AccountRow a) {
        if (find(a.name()).isPresent()) {
            return false;
        }
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO web_account (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, a.name());
            ps.setString(2, a.passwordHash());
            ps.setString(3, a.role());
            ps.setString(4, GroupNames.encode(a.groups()));
            ps.setObject(5, OffsetDateTime.ofInstant(a.createdAt(), ZoneOffset.UTC));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false; // added by someone else between the check and the insert
            }
            throw new StoreException("cannot add account " + a.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean update(AccountRow a) {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE web_account SET password_hash = ?, role = ?, groups_both = ? WHERE name = ?")) {
            ps.setString(1, a.passwordHash());
            ps.setString(2, a.role());
            ps.setString(3, GroupNames.encode(a.groups()));
            ps.setString(4, a.name());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot update account " + a.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean remove(String name) {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM web_account WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot remove account " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<AccountRow> all() {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM web_account ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            List<AccountRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(read(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException("cannot list accounts: " + e.getMessage(), e);
        }
    }

    private static AccountRow read(ResultSet rs) throws SQLException {
        return new AccountRow(rs.getString(1), rs.getString(2), rs.getString(3), GroupNames.decode(rs.getString(4)),
                rs.getObject(5, OffsetDateTime.class).toInstant());
    }
}
